"""Query parameters (and path segments) reach the database through many views; malformed ones must never
become a 500."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from conftest import png_upload
from persona.models import Persona

URLS = [
    "/",
    "/u/alice/",
    "/personas/",
    "/prompts/",
    "/prompts/practice/",
    "/prompts/review/",
    "/api/v1/personas/",
    "/api/v1/answers/",
    "/api/v1/prompts/",
    "/api/v1/chat/personas",
    "/characters/",
    "/api/v1/characters/",
    "/api/v1/character-tags/",
    "/api/v1/projects/",
]
PARAMETERS = [
    "page=abc",
    "page=-1",
    "page=99999",
    "page_size=0",
    "page_size=-5",
    "sort=bogus",
    "ordering=-nope",
    "visibility=bogus",
    "persona=abc",
    "persona=%C2%B2",  # "²": str.isdigit() says yes, int() says no
    "persona=99999999999999999999",
    "forked_from=abc",
    "tag=abc",
    "tag=99999999999999999999",
    "q=" + "x" * 5000,
    "tag=" + "x" * 500,
    "tag=%E2%80%8B",  # a zero-width space
    "mine=maybe",
]
NUL_PARAMETERS = ["q=%00", "persona=%00", "search=%00", "status=a%00b", "x%00=1"]
NUL_PATHS = [
    "/personas/a%00b/",
    "/api/v1/personas/%00/",
    "/api/v1/achievements/a%00b/",
    "/admin/persona/persona/%00/history/",
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo is seeded once for the module (seeding takes seconds) and rolled back at its end; each test
    runs in its own savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return None


@pytest.mark.parametrize("username", [None, "alice", "rita"])
def test_malformed_parameters_never_cause_a_server_error(client, demo, username):
    if username:
        client.force_login(get_user_model().objects.get(username=username))

    failures = {
        f"{url}?{parameter[:30]}": response.status_code
        for url in URLS
        for parameter in PARAMETERS
        if (response := client.get(f"{url}?{parameter}")).status_code >= 500
    }

    assert failures == {}


@pytest.mark.parametrize("parameter", NUL_PARAMETERS)
def test_nul_characters_in_parameters_get_a_clear_400(client, demo, parameter):
    page = client.get(f"/prompts/practice/?{parameter}")
    api = client.get(f"/api/v1/personas/?{parameter}")

    assert page.status_code == 400
    assert "could not be understood" in page.content.decode()
    assert api.status_code == 400
    assert "NUL character" in api.json()["detail"]


@pytest.mark.parametrize("path", NUL_PATHS)
def test_nul_characters_in_the_url_path_get_a_clear_400(client, demo, path):
    client.force_login(get_user_model().objects.get(username="maude"))

    response = client.get(path)

    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json() == {"detail": "The URL path contains a NUL character."}


def test_undecodable_bytes_become_replacement_characters_not_surrogates(client, demo):
    """Why the middleware checks no surrogates: Django decodes paths, queries and forms as UTF-8 and
    re-quotes or replaces what does not decode (here the bytes of the lone surrogate U+DFFF)."""
    client.force_login(get_user_model().objects.get(username="alice"))

    assert client.get("/api/v1/achievements/%ED%BF%BF/").status_code == 404
    assert client.get("/api/v1/personas/?search=%ED%BF%BF").status_code == 200
    diary = Persona.objects.get(name="Secret Diary")
    response = client.post(
        f"/personas/{diary.slug}/share/",
        "username=bob%ED%BF%BF&role=use",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert response.context["form"].data["username"] == "bob" + "\ufffd" * 3  # one per byte


def test_nul_characters_in_form_fields_get_a_clear_400(client, demo):
    client.force_login(get_user_model().objects.get(username="alice"))
    diary = Persona.objects.get(name="Secret Diary")

    response = client.post(f"/personas/{diary.slug}/share/revoke/", {"username": "bob\x00"})

    assert response.status_code == 400
    assert get_user_model().objects.get(username="bob").has_perm("persona.view_persona", diary)


def test_multipart_api_uploads_still_work_behind_the_check(demo):
    from conftest import api_client_for

    alice = get_user_model().objects.get(username="alice")
    response = api_client_for(alice).post(
        "/api/v1/personas/",
        {"name": "Framed", "description": "Has a portrait.", "image": png_upload()},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["thumbnail"]
