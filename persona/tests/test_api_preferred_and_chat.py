"""`/api/v1/me/preferred-persona/` and the old chat service's `/api/v1/chat/personas` endpoints."""

import pytest

from accounts.services import api_token_create
from conftest import api_client_for
from persona.models import Persona, Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

PREFERRED = "/api/v1/me/preferred-persona/"
CHAT_LIST = "/api/v1/chat/personas"
CHAT_INIT = "/api/v1/chat/personas/initialize-default"


def test_nobody_has_a_preferred_persona_at_first(alice):
    assert api_client_for(alice).get(PREFERRED).json() == {"persona": None, "persona_detail": None}


def test_user_chooses_a_visible_persona_and_clears_it(alice, bob):
    unlisted = PersonaFactory(owner=bob, visibility=Visibility.UNLISTED)
    client = api_client_for(alice)

    chosen = client.put(PREFERRED, {"persona": unlisted.pk}, format="json")
    shown = client.get(PREFERRED.rstrip("/"))
    cleared = client.put(PREFERRED, {"persona": None}, format="json")

    assert chosen.status_code == 200
    assert shown.json()["persona"] == unlisted.pk
    assert shown.json()["persona_detail"]["name"] == unlisted.name
    assert cleared.json() == {"persona": None, "persona_detail": None}


@pytest.mark.parametrize("body", [{"persona": "private"}, {"persona": 999999}, {"persona": "x"}, {}])
def test_choosing_a_persona_you_cannot_see_is_a_400_naming_persona(alice, bob, body):
    private = PersonaFactory(owner=bob, visibility=Visibility.PRIVATE)
    if body.get("persona") == "private":
        body = {"persona": private.pk}

    response = api_client_for(alice).put(PREFERRED, body, format="json")

    assert response.status_code == 400
    assert "persona" in response.json()["errors"]


def test_the_same_400_for_a_private_and_a_missing_persona(alice, bob):
    private = PersonaFactory(owner=bob, visibility=Visibility.PRIVATE)
    client = api_client_for(alice)

    hidden = client.put(PREFERRED, {"persona": private.pk}, format="json").json()["detail"]
    missing = client.put(PREFERRED, {"persona": private.pk + 1000}, format="json").json()["detail"]

    assert hidden.replace(str(private.pk), "N") == missing.replace(str(private.pk + 1000), "N")


def test_anonymous_has_no_preferred_persona(api_client):
    assert api_client.get(PREFERRED).status_code == 401
    assert api_client.put(PREFERRED, {"persona": None}, format="json").status_code == 401


def test_chat_personas_lists_what_the_api_key_holder_may_see(alice, bob, api_client):
    mine = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    public = PersonaFactory(owner=bob, visibility=Visibility.PUBLIC)
    PersonaFactory(owner=bob, visibility=Visibility.PRIVATE)
    PersonaFactory(owner=bob, visibility=Visibility.UNLISTED)
    _, key = api_token_create(user=alice, name="chat script")

    response = api_client.get(CHAT_LIST, HTTP_X_API_KEY=key)

    assert response.status_code == 200
    body = response.json()
    assert sorted(p["id"] for p in body["personas"]) == sorted([mine.pk, public.pk])
    assert body["total"] == 2
    assert body["message"] == "2 personas available."


def test_chat_personas_answers_with_a_trailing_slash_too(api_client):
    PersonaFactory(visibility=Visibility.PUBLIC)

    assert api_client.get(CHAT_LIST + "/").json()["total"] == 1


@pytest.mark.parametrize("path", [CHAT_INIT, CHAT_INIT + "/"])
def test_chat_initialize_default_with_a_staff_api_key_is_idempotent(alice, api_client, path):
    alice.is_staff = True
    alice.save()
    _, key = api_token_create(user=alice, name="chat script")

    first = api_client.post(path, HTTP_X_API_KEY=key)
    second = api_client.post(path, HTTP_X_API_KEY=key)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["created"] is True and second.json()["created"] is False
    assert first.json()["persona"]["name"] == "Mu"
    assert second.json()["persona"]["id"] == first.json()["persona"]["id"]
    assert first.json()["message"] and second.json()["message"]
    assert Persona.objects.filter(is_default=True).count() == 1


def test_chat_initialize_default_refuses_non_staff_keys(alice, api_client):
    _, key = api_token_create(user=alice, name="chat script")

    assert api_client.post(CHAT_INIT, HTTP_X_API_KEY=key).status_code == 403
    assert api_client.post(CHAT_INIT).status_code == 401
    assert not Persona.objects.exists()
