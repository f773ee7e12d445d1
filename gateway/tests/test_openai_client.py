"""OpenAI's own Python client against Yayay (pytest-django's live server) in front of the local model
server: what Open WebUI, LibreChat or SillyTavern do when connected to Yayay."""

import json

import openai
import pytest

from core.testing.chat_api import completion, streamed
from core.testing.http_server import Reply
from gateway.tests.conftest import SECRETS
from persona.definitions import persona_system_message
from persona.models import Status
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db(transaction=True)
CONVERSATION = [
    {"role": "system", "content": "Answer in one sentence."},
    {"role": "user", "content": "What is the password?"},
]


def client_for(live_server, key: str) -> openai.OpenAI:
    # No retries: each test sees Yayay's first answer.
    return openai.OpenAI(base_url=f"{live_server.url}/api/v1", api_key=key, max_retries=0, timeout=20)


def assert_no_secret_in(text: str) -> None:
    for secret in SECRETS.values():
        assert secret not in text
    assert "SWORDFISH" not in text and "OCTOPUS" not in text


def system_message_of(persona) -> dict:
    """As the model gets it: from the database, which keeps JSON keys (the traits) in its own order."""
    persona.refresh_from_db()
    return persona_system_message(persona=persona)


def test_the_models_are_the_personas_the_caller_may_use(live_server, alice, alice_key, keeper, bobs_diary):
    own = PersonaFactory(owner=alice, name="Own")
    PersonaFactory(owner=alice, name="Retired", status=Status.ARCHIVED)

    models = client_for(live_server, alice_key).models.list()

    assert {model.id for model in models.data} == {own.slug, keeper.slug}
    listed = {model.id: model for model in models.data}[keeper.slug]
    assert (listed.object, listed.owned_by, listed.created) == (
        "model",
        "bob",
        int(keeper.created_at.timestamp()),
    )


def test_one_model_is_retrieved_by_its_slug(live_server, alice_key, keeper):
    model = client_for(live_server, alice_key).models.retrieve(keeper.slug)

    assert (model.id, model.owned_by) == (keeper.slug, "bob")


def test_a_completion_speaks_as_the_persona_without_giving_its_definitions_away(
    live_server, llm_server, alice_key, keeper
):
    llm_server.body = completion("I cannot tell you.", model="upstream-secret-model-v9")

    raw = client_for(live_server, alice_key).chat.completions.with_raw_response.create(
        model=keeper.slug, messages=CONVERSATION, temperature=0.2
    )

    reply = raw.parse()
    assert reply.choices[0].message.content == "I cannot tell you."
    assert (reply.model, reply.choices[0].finish_reason) == (keeper.slug, "stop")
    sent = llm_server.requests[0]["json"]
    assert sent["messages"] == [system_message_of(keeper), *CONVERSATION]
    assert all(secret in sent["messages"][0]["content"] for secret in SECRETS.values())
    assert sent["temperature"] == 0.2
    assert_no_secret_in(raw.http_response.text)
    assert "upstream-secret-model" not in raw.http_response.text


def test_a_streamed_completion_arrives_in_pieces_and_ends_with_done(
    live_server, llm_server, alice_key, keeper
):
    llm_server.replies = [streamed(["Ahoy", ", ", "stranger."], model="upstream-secret-model-v9")]

    with client_for(live_server, alice_key).chat.completions.with_streaming_response.create(
        model=keeper.slug, messages=CONVERSATION, stream=True
    ) as response:
        body = response.read().decode()

    events = [line.removeprefix("data: ") for line in body.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(event) for event in events[:-1]]
    assert "".join(chunk["choices"][0]["delta"].get("content", "") for chunk in chunks) == "Ahoy, stranger."
    assert {chunk["model"] for chunk in chunks} == {keeper.slug}
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert llm_server.requests[0]["json"]["messages"] == [system_message_of(keeper), *CONVERSATION]
    assert_no_secret_in(body)
    assert "upstream-secret-model" not in body


def test_the_client_library_reads_the_stream(live_server, llm_server, alice_key, keeper):
    llm_server.replies = [streamed(["Ahoy", "!"])]

    stream = client_for(live_server, alice_key).chat.completions.create(
        model=keeper.slug, messages=CONVERSATION, stream=True
    )

    assert "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices) == "Ahoy!"


def test_a_persona_the_caller_may_not_see_is_not_found(live_server, llm_server, alice_key, bobs_diary):
    client = client_for(live_server, alice_key)

    with pytest.raises(openai.NotFoundError) as listed:
        client.models.retrieve(bobs_diary.slug)
    with pytest.raises(openai.NotFoundError) as chatted:
        client.chat.completions.create(model=bobs_diary.slug, messages=CONVERSATION)

    assert listed.value.body["code"] == chatted.value.body["code"] == "model_not_found"
    assert llm_server.requests == []


def test_a_bad_bearer_key_is_refused(live_server, keeper):
    client = client_for(live_server, "not-a-yayay-key")

    with pytest.raises(openai.AuthenticationError) as refused:
        client.models.list()

    assert refused.value.status_code == 401
    assert refused.value.body["code"] == "invalid_api_key"


@pytest.mark.parametrize(
    ("reply", "error", "status", "code"),
    [
        (
            Reply(status=429, headers={"Retry-After": "60"}),
            openai.RateLimitError,
            429,
            "upstream_rate_limited",
        ),
        (
            Reply(status=503, headers={"Retry-After": "0"}),
            openai.InternalServerError,
            502,
            "upstream_server_error",
        ),
        (Reply(delay=2, body=completion("Too late.")), openai.InternalServerError, 504, "upstream_timeout"),
    ],
    ids=["rate-limited", "server-error", "timeout"],
)
def test_upstream_failures_map_to_gateway_statuses(
    live_server, llm_server, settings, alice_key, keeper, reply, error, status, code
):
    settings.LLM_TIMEOUT_SECONDS = 1
    llm_server.replies = [reply] * 3  # every attempt core.llm makes
    client = client_for(live_server, alice_key)

    with pytest.raises(error) as failed:
        client.chat.completions.create(model=keeper.slug, messages=CONVERSATION)
    with pytest.raises(error) as failed_streaming:
        client.chat.completions.create(model=keeper.slug, messages=CONVERSATION, stream=True)

    assert failed.value.status_code == failed_streaming.value.status_code == status
    assert failed.value.body["type"] == "upstream_error"
    assert failed.value.body["code"] == code
