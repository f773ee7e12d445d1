"""The settings page (profile, e-mail change with confirmation, account deletion) and password reset by
e-mail; messages are read from Django's test mailbox (mail.outbox)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import Profile
from accounts.tests.factories import DEMO_PASSWORD
from conftest import png_upload
from persona.models import Persona
from persona.services import persona_fork
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_settings_need_a_sign_in():
    assert Client().get("/accounts/settings/").status_code == 302


def test_saving_the_profile_with_an_avatar(alice):
    client = as_user(alice)
    data = {"form": "profile", "display_name": "  Alice L. ", "bio": "Hello", "avatar": png_upload()}
    response = client.post("/accounts/settings/", data, follow=True)
    assert "Your profile was saved." in response.content.decode()
    profile = Profile.objects.get(user=alice)
    assert (profile.display_name, profile.bio) == ("Alice L.", "Hello")
    assert profile.avatar.name.startswith("avatars/")
    cleared = {"form": "profile", "display_name": "", "bio": "", "remove_avatar": "on"}
    client.post("/accounts/settings/", cleared)
    profile.refresh_from_db()
    assert not profile.avatar


def test_a_file_that_is_not_an_image_is_refused_and_nothing_saved(alice):
    bogus = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")
    data = {"form": "profile", "display_name": "X", "avatar": bogus}
    response = as_user(alice).post("/accounts/settings/", data)
    assert response.status_code == 200 and response.context["profile_form"].errors["avatar"]
    assert not Profile.objects.filter(user=alice).exists()


def test_changing_the_address_takes_effect_when_the_link_sent_there_is_opened(alice):
    client = as_user(alice)
    response = client.post("/accounts/settings/", {"form": "email", "email": "new@example.org"}, follow=True)
    assert "We sent a link to new@example.org" in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    link = link_in(message)
    assert "Your e-mail address is now new@example.org." in client.get(link, follow=True).content.decode()
    alice.refresh_from_db()
    assert alice.email == "new@example.org"
    again = client.get(link, follow=True).content.decode()
    assert "already used or replaced" in again


def test_a_forged_confirmation_link_changes_nothing(alice):
    response = as_user(alice).get("/accounts/settings/email/not-a-token/", follow=True)
    assert "invalid or has expired" in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_the_same_address_again_is_refused_on_the_form(alice):
    response = as_user(alice).post("/accounts/settings/", {"form": "email", "email": "ALICE@example.com"})
    assert response.context["email_form"].errors["email"] == ["That is already your address."]
    assert mail.outbox == []


def test_password_reset_by_email_and_the_link_followed(alice):
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "alice@example.com"}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"] and message.subject == "Reset your Yayay password"
    form_page = client.get(link_in(message), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-secret-9", "new_password2": "a-brand-new-secret-9"},
        follow=True,
    )
    assert "Password saved" in done.content.decode()
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-secret-9")


def test_deleting_the_account_needs_the_password_and_takes_its_personas(alice, bob):
    original = PersonaFactory(owner=alice)
    bobs_fork = persona_fork(persona=original, actor=bob)
    client = as_user(alice)
    page = client.get("/accounts/settings/delete/").content.decode()
    assert "your 1 persona," in page and "Forks other people made" in page
    refused = client.post("/accounts/settings/delete/", {"password": "wrong", "confirm": "on"})
    assert refused.context["form"].errors["password"] == ["That is not your password."]
    assert User.objects.filter(pk=alice.pk).exists()
    confirmed = {"password": DEMO_PASSWORD, "confirm": "on"}
    gone = client.post("/accounts/settings/delete/", confirmed, follow=True)
    assert "were deleted" in gone.content.decode()
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Persona.all_objects.filter(pk=original.pk).exists()
    bobs_fork.refresh_from_db()
    assert bobs_fork.forked_from_id is None
