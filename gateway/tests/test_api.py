"""The OpenAI-compatible endpoints through Django's test client: authentication, input, errors in
OpenAI's shape, paths with and without their trailing slash, throttling."""

import json

import pytest
from rest_framework.test import APIClient

from core.llm.errors import CONFIGURE_HINT
from core.testing.chat_api import MODEL, completion
from core.testing.http_server import Reply
from gateway.api.serializers import MAX_CONTENT_LENGTH
from gateway.api.views import ChatCompletionThrottle
from gateway.tests.conftest import SECRETS, api_key_for
from persona.models import ShareRole, Visibility
from persona.services import persona_archive, persona_delete, persona_share, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
MODELS, COMPLETIONS = "/api/v1/models", "/api/v1/chat/completions"
HELLO = [{"role": "user", "content": "Hello"}]


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def ask(client: APIClient, body: dict, path: str = COMPLETIONS):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_every_kind_of_api_key_is_accepted(alice_key, keeper):
    token = APIClient()
    token.credentials(HTTP_AUTHORIZATION=f"Token {alice_key}")
    header = APIClient()
    header.credentials(HTTP_X_API_KEY=alice_key)

    for client in (bearer(alice_key), token, header):
        assert client.get(MODELS).status_code == 200


def test_without_a_key_the_answer_is_401_in_openais_shape(keeper):
    response = APIClient().get(MODELS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] == "invalid_api_key"
    assert set(response.json()["error"]) == {"message", "type", "param", "code"}


def test_a_session_is_not_enough(client, alice, keeper):
    client.force_login(alice)

    assert client.get(MODELS).status_code == 401


@pytest.mark.parametrize("path", [MODELS, f"{MODELS}/", "/api/v1/models/{slug}", "/api/v1/models/{slug}/"])
def test_model_paths_answer_with_and_without_a_trailing_slash(alice_key, keeper, path):
    assert bearer(alice_key).get(path.format(slug=keeper.slug)).status_code == 200


def test_completions_answer_with_and_without_a_trailing_slash(llm_server, alice_key, keeper):
    llm_server.body = completion("Ahoy.")

    for path in (COMPLETIONS, f"{COMPLETIONS}/"):
        response = ask(bearer(alice_key), {"model": keeper.slug, "messages": HELLO}, path)
        assert response.status_code == 200
        assert response.json()["choices"][0]["message"]["content"] == "Ahoy."


def test_shared_and_unlisted_personas_are_usable_but_only_shared_ones_listed(alice, alice_key, bob):
    shared = PersonaFactory(owner=bob, visibility=Visibility.PRIVATE)
    persona_share(persona=shared, actor=bob, username="alice", role=ShareRole.USE)
    unlisted = PersonaFactory(owner=bob, visibility=Visibility.UNLISTED)
    client = bearer(alice_key)

    listed = {model["id"] for model in client.get(MODELS).json()["data"]}

    assert shared.slug in listed and unlisted.slug not in listed
    assert client.get(f"{MODELS}/{unlisted.slug}").status_code == 200


def test_a_deleted_persona_is_not_found(alice, alice_key):
    gone = PersonaFactory(owner=alice)
    persona_delete(persona=gone, actor=alice, reason="test_data")

    response = bearer(alice_key).get(f"{MODELS}/{gone.slug}")

    assert response.status_code == 404
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_listing_models_takes_a_fixed_number_of_queries(alice, alice_key, django_assert_max_num_queries):
    for _ in range(5):
        PersonaFactory(owner=alice)
        PersonaFactory(visibility=Visibility.PUBLIC)
    client = bearer(alice_key)

    with django_assert_max_num_queries(8):
        assert len(client.get(MODELS).json()["data"]) == 10


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"model": "x"}, "messages"),
        ({"messages": HELLO}, "model"),
        ({"model": "x", "messages": []}, "messages"),
        ({"model": "x", "messages": [{"role": "tool", "content": "hi"}]}, "messages[0].role"),
        ({"model": "x", "messages": [{"role": "user", "content": 42}]}, "messages[0].content"),
        (
            {"model": "x", "messages": [{"role": "user", "content": [{"type": "text"}]}]},
            "messages[0].content",
        ),
        ({"model": "x", "messages": [*HELLO, {"role": "user"}]}, "messages[1].content"),
        (
            {"model": "x", "messages": [{"role": "user", "content": "a" * (MAX_CONTENT_LENGTH + 1)}]},
            "messages[0].content",
        ),
        ({"model": "x", "messages": HELLO, "temperature": 3}, "temperature"),
        ({"model": "x", "messages": HELLO, "stop": ["a", "b", "c", "d", "e"]}, "stop"),
    ],
)
def test_bad_input_is_400_naming_the_field(llm_server, alice_key, body, param):
    response = ask(bearer(alice_key), body)

    assert response.status_code == 400
    assert response.json()["error"]["param"] == param
    assert param in response.json()["error"]["message"]
    assert llm_server.requests == []


def test_a_body_that_is_not_json_is_refused_in_openais_shape(alice_key):
    response = bearer(alice_key).post(
        COMPLETIONS, "model=x", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415
    assert "error" in response.json()


def test_without_a_model_configured_the_answer_says_how_to_configure_one(alice_key, keeper):
    response = ask(bearer(alice_key), {"model": keeper.slug, "messages": HELLO})

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "model_not_configured"
    assert CONFIGURE_HINT in response.json()["error"]["message"]


def test_options_reach_the_model_and_unknown_ones_do_not(llm_server, alice_key, keeper):
    llm_server.body = completion("Ahoy.")
    options = {"temperature": 0.5, "top_p": 0.9, "max_tokens": 50, "stop": ["\nUser:"], "presence_penalty": 1}

    ask(bearer(alice_key), {"model": keeper.slug, "messages": HELLO, "user": "x", "n": 3, **options})

    sent = llm_server.requests[0]["json"]
    assert sent["model"] == MODEL
    assert {name: sent[name] for name in options} == options
    assert "n" not in sent and "user" not in sent


def test_a_failure_in_the_middle_of_a_stream_is_an_error_event(llm_server, alice_key, keeper):
    llm_server.replies = [Reply(events=[{"choices": [{"index": 0, "delta": {"content": "Ah"}}]}, "not json"])]

    response = ask(bearer(alice_key), {"model": keeper.slug, "messages": HELLO, "stream": True})

    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    last = json.loads(body.strip().splitlines()[-1].removeprefix("data: "))
    assert last["error"]["type"] == "upstream_error"
    assert "[DONE]" not in body
    assert SECRETS["system_prompt"] not in body


def test_completions_are_rate_limited_per_user(llm_server, monkeypatch, alice, bob, keeper):
    monkeypatch.setattr(ChatCompletionThrottle, "THROTTLE_RATES", {"gateway_completion": "2/hour"})
    llm_server.body = completion("Ahoy.")
    alices, bobs = bearer(api_key_for(alice)), bearer(api_key_for(bob))

    statuses = [ask(alices, {"model": keeper.slug, "messages": HELLO}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    refused = ask(alices, {"model": keeper.slug, "messages": HELLO})
    assert refused.json()["error"]["code"] == "rate_limit_exceeded" and "Retry-After" in refused
    assert ask(bobs, {"model": keeper.slug, "messages": HELLO}).status_code == 200


def test_a_persona_made_private_or_archived_stops_answering(llm_server, alice_key, bob, keeper):
    llm_server.body = completion("Ahoy.")
    client = bearer(alice_key)
    assert ask(client, {"model": keeper.slug, "messages": HELLO}).status_code == 200

    persona_update(persona=keeper, actor=bob, visibility=Visibility.PRIVATE)
    made_private = ask(client, {"model": keeper.slug, "messages": HELLO})
    persona_update(persona=keeper, actor=bob, visibility=Visibility.PUBLIC)
    persona_archive(persona=keeper, actor=bob)
    archived = ask(client, {"model": keeper.slug, "messages": HELLO})

    assert made_private.status_code == 404
    assert archived.status_code == 400
    assert archived.json()["error"]["param"] == "model" and "archived" in archived.json()["error"]["message"]
    assert len(llm_server.requests) == 1


def test_an_old_slug_still_names_the_renamed_persona(alice_key, bob, keeper):
    old_slug = keeper.slug
    renamed = persona_update(persona=keeper, actor=bob, name="Harbour Master")

    model = bearer(alice_key).get(f"{MODELS}/{old_slug}").json()

    assert model["id"] == renamed.slug != old_slug


def test_any_accept_header_gets_an_answer_not_a_406(llm_server, alice_key, keeper):
    llm_server.body = completion("Ahoy.")
    client = bearer(alice_key)

    listed = client.get(MODELS, HTTP_ACCEPT="text/event-stream")
    answered = client.post(
        COMPLETIONS,
        json.dumps({"model": keeper.slug, "messages": HELLO}),
        content_type="application/json; charset=utf-8",
        HTTP_ACCEPT="text/html",
    )

    assert (listed.status_code, answered.status_code) == (200, 200)
