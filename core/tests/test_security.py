import pytest
from django.test import Client

from conftest import api_client_for

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy(client):
    response = client.get("/accounts/login/")

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_forms_refuse_a_post_without_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "alice", "password": "whatever"})

    assert response.status_code == 403


def test_api_limits_each_user(tight_rates, alice, bob):
    alice_client, bob_client = api_client_for(alice), api_client_for(bob)

    statuses = [alice_client.get("/api/v1/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert bob_client.get("/api/v1/").status_code == 200


def test_api_limits_each_ip_whoever_calls(tight_rates, alice, bob, charlie):
    clients = [api_client_for(user) for user in (alice, bob, charlie)]

    statuses = [clients[i % 3].get("/api/v1/", REMOTE_ADDR="10.0.0.7").status_code for i in range(6)]

    assert statuses == [200] * 5 + [429]
    assert clients[2].get("/api/v1/", REMOTE_ADDR="10.0.0.9").status_code == 200


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_only_the_api_docs_page_allows_inline_styles(client):
    docs = _policy(client.get("/api/docs/"))
    page = _policy(client.get("/personas/"))

    assert docs["style-src"] == "'self' 'unsafe-inline'"
    assert page["style-src"] == "'self'"
    assert docs["script-src"] == page["script-src"] == "'self'"
