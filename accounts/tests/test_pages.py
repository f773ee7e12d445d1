"""Account pages: sign up, log in and out, password change, API tokens, and the lock-out after failures."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from accounts.services import api_token_create
from accounts.tests.factories import DEMO_PASSWORD, UserFactory

LOGIN = reverse("accounts:login")
TOKENS = reverse("accounts:api_tokens")


def logged_in_username(client) -> str | None:
    response = client.get(reverse("persona:list"))
    user = response.wsgi_request.user
    return user.username if user.is_authenticated else None


def test_sign_up_creates_the_account_and_logs_in(client, db):
    response = client.post(
        reverse("accounts:sign_up"),
        {
            "username": "newbie",
            "email": "",
            "password1": "a-long-unusual-pass",
            "password2": "a-long-unusual-pass",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("persona:list")
    assert "Welcome to Yayay, newbie!" in response.content.decode()
    assert logged_in_username(client) == "newbie"


def test_sign_up_applies_the_password_validators(client, db):
    response = client.post(
        reverse("accounts:sign_up"), {"username": "weak", "password1": "12345678", "password2": "12345678"}
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["password2"])
    assert "too common" in errors and "entirely numeric" in errors
    assert not get_user_model().objects.filter(username="weak").exists()


def test_sign_up_refuses_a_taken_username(client, alice):
    response = client.post(
        reverse("accounts:sign_up"),
        {"username": "alice", "password1": "a-long-unusual-pass", "password2": "a-long-unusual-pass"},
    )

    assert "already exists" in " ".join(response.context["form"].errors["username"])


@pytest.mark.parametrize("look_alike", ["ALICE", "аlice"])  # upper case; a Cyrillic а
def test_sign_up_refuses_a_username_that_passes_for_a_taken_one(client, alice, look_alike):
    response = client.post(
        reverse("accounts:sign_up"),
        {"username": look_alike, "password1": "a-long-unusual-pass", "password2": "a-long-unusual-pass"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert get_user_model().objects.count() == 1


def test_log_in_and_log_out(client, alice):
    response = client.post(LOGIN, {"username": "alice", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")  # their personas, what is new
    assert logged_in_username(client) == "alice"

    client.post(reverse("accounts:logout"))

    assert logged_in_username(client) is None


def test_a_wrong_password_is_a_form_error(client, alice):
    response = client.post(LOGIN, {"username": "alice", "password": "nope"})

    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()
    assert logged_in_username(client) is None


def test_log_in_returns_to_the_page_asked_for(client, alice):
    response = client.post(
        LOGIN + "?next=/personas/new/",
        {"username": "alice", "password": DEMO_PASSWORD, "next": "/personas/new/"},
    )

    assert response.url == "/personas/new/"


def test_password_change(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "brand-new-secret-9",
            "new_password2": "brand-new-secret-9",
        },
        follow=True,
    )

    assert "Your new password is in effect" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password("brand-new-secret-9")
    assert logged_in_username(client) == "alice"


def change_password(client, **extra):
    form = {
        "old_password": DEMO_PASSWORD,
        "new_password1": "brand-new-secret-9",
        "new_password2": "brand-new-secret-9",
    }
    return client.post(reverse("accounts:password_change"), {**form, **extra}, follow=True)


def test_a_password_change_logs_out_the_other_sessions_and_keeps_this_one(alice):
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        client.post(LOGIN, {"username": "alice", "password": DEMO_PASSWORD})
    assert logged_in_username(elsewhere) == "alice"

    response = change_password(here)

    assert "other sessions (other browsers and devices) were logged out" in response.content.decode()
    assert logged_in_username(here) == "alice"
    assert logged_in_username(elsewhere) is None


def test_a_password_change_offers_to_revoke_the_api_tokens(client, alice):
    keys = [api_token_create(user=alice, name=f"script {n}")[1] for n in range(2)]
    client.force_login(alice)

    form = client.get(reverse("accounts:password_change")).content.decode()
    response = change_password(client, revoke_api_tokens="on")

    assert re.search(r'<input type="checkbox" name="revoke_api_tokens"[^>]* checked', form)
    assert "Also revoke my 2 API tokens" in form
    assert "2 API tokens revoked." in response.content.decode()
    assert not ApiToken.objects.filter(user=alice).exists()
    assert all(client.get("/api/v1/personas/", HTTP_X_API_KEY=key).status_code == 401 for key in keys)


def test_unticking_the_box_keeps_the_api_tokens(client, alice):
    _, key = api_token_create(user=alice, name="nightly export")
    client.force_login(alice)

    response = change_password(client)  # an unticked checkbox is not sent

    assert "revoked" not in response.content.decode()
    assert client.get("/api/v1/personas/", HTTP_X_API_KEY=key).status_code == 200


def test_without_api_tokens_there_is_nothing_to_revoke(client, alice):
    client.force_login(alice)

    assert "revoke_api_tokens" not in client.get(reverse("accounts:password_change")).content.decode()


def test_password_change_needs_the_old_password(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "brand-new-secret-9",
            "new_password2": "brand-new-secret-9",
        },
    )

    assert "old_password" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password(DEMO_PASSWORD)


def test_pages_need_a_login(client, db):
    for url in (TOKENS, reverse("accounts:password_change")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_api_token_is_shown_once_then_only_its_prefix(client, alice):
    client.force_login(alice)

    created = client.post(TOKENS, {"name": "nightly export"}).content.decode()
    key = re.search(r'data-testid="new-token">([0-9a-f]{40})<', created).group(1)
    later = client.get(TOKENS).content.decode()

    assert "Copy your new token now" in created
    assert key not in later
    assert f"<code>{key[:8]}…</code>" in later and "nightly export" in later
    assert client.get("/api/v1/personas/", HTTP_X_API_KEY=key).status_code == 200


def test_revoking_a_token_makes_it_stop_working(client, alice):
    client.force_login(alice)
    created = client.post(TOKENS, {"name": "to revoke"}).content.decode()
    key = re.search(r'data-testid="new-token">([0-9a-f]{40})<', created).group(1)
    token = ApiToken.objects.get(user=alice)

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]), follow=True)

    assert "The token was revoked" in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert client.get("/api/v1/personas/", HTTP_X_API_KEY=key).status_code == 401


def test_nobody_revokes_someone_elses_token(client, alice, bob):
    client.force_login(alice)
    client.post(TOKENS, {"name": "alice's"})
    token = ApiToken.objects.get(user=alice)
    client.force_login(bob)

    client.post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_repeated_failed_log_ins_lock_the_account_even_for_the_right_password(client, db):
    UserFactory(username="victim")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "victim", "password": "guess"})

    response = client.post(LOGIN, {"username": "victim", "password": DEMO_PASSWORD})

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert logged_in_username(client) is None


def test_a_few_failures_do_not_lock_the_account(client, db):
    UserFactory(username="forgetful")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "forgetful", "password": "guess"})

    client.post(LOGIN, {"username": "forgetful", "password": DEMO_PASSWORD})

    assert logged_in_username(client) == "forgetful"
