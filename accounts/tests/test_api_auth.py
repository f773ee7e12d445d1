"""API authentication: session, `Authorization: Token <key>` and the same key in `X-API-Key`."""

import pytest
from rest_framework.test import APIClient

from accounts.services import api_token_create, api_token_revoke
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

MINE = "/api/v1/me/preferred-persona/"


@pytest.fixture
def key(alice):
    return api_token_create(user=alice, name="laptop script")[1]


def test_token_header_authenticates(api_client, key):
    assert api_client.get(MINE, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_x_api_key_header_authenticates(api_client, key):
    assert api_client.get(MINE, HTTP_X_API_KEY=key).status_code == 200


def test_x_api_key_acts_as_its_owner(api_client, alice, key):
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    response = api_client.get(f"/api/v1/personas/{private.pk}/", HTTP_X_API_KEY=key)

    assert response.status_code == 200
    assert response.json()["owner"] == "alice"


def test_x_api_key_can_write(api_client, key):
    body = {"name": "Scripted Persona", "description": "Made by a script."}

    response = api_client.post("/api/v1/personas", body, format="json", HTTP_X_API_KEY=key)

    assert response.status_code == 201
    assert response.json()["owner"] == "alice"


@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_API_KEY"])
def test_revoked_key_is_a_401(api_client, alice, header):
    token, key = api_token_create(user=alice, name="old")
    api_token_revoke(user=alice, token_id=token.pk)
    value = f"Token {key}" if header == "HTTP_AUTHORIZATION" else key

    response = api_client.get(MINE, **{header: value})

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_API_KEY"])
def test_made_up_key_is_a_401_even_on_public_reads(api_client, header):
    value = "Token not-a-real-key" if header == "HTTP_AUTHORIZATION" else "not-a-real-key"

    response = api_client.get("/api/v1/personas/", **{header: value})

    assert response.status_code == 401


def test_key_of_a_deactivated_user_is_a_401(api_client, alice, key):
    alice.is_active = False
    alice.save()

    assert api_client.get(MINE, HTTP_X_API_KEY=key).status_code == 401


def test_no_credentials_is_a_401_with_a_json_body(api_client):
    response = api_client.get(MINE)

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_session_login_authenticates_and_writes_need_csrf(alice):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.get(MINE).status_code == 200
    assert client.put(MINE, {"persona": None}, format="json").status_code == 403


def test_api_key_writes_need_no_csrf(key):
    client = APIClient(enforce_csrf_checks=True)

    assert client.put(MINE, {"persona": None}, format="json", HTTP_X_API_KEY=key).status_code == 200
