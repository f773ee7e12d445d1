"""The language model client against a local server that speaks OpenAI's chat completions API."""

import logging
import shlex
import time

import pytest

from core.llm import (
    LLMMalformedReply,
    LLMNotConfigured,
    LLMRateLimited,
    LLMRefused,
    LLMServerError,
    LLMTimeout,
    chat_complete,
    chat_stream,
    llm_config,
    llm_is_configured,
)
from core.logging import ActivityFormatter
from core.testing.chat_api import MODEL, completion, streamed
from core.testing.http_server import Reply

QUESTION = [{"role": "user", "content": "What is the secret word?"}]
USAGE = {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}


def ask(**options):
    return chat_complete(messages=QUESTION, purpose="test", **options)


@pytest.fixture(autouse=True)
def calls_logged_at_info(caplog):
    """The call log line is INFO; the test settings' root logger says WARNING."""
    caplog.set_level(logging.INFO, logger="yayay.llm")


def call_lines(caplog) -> list[dict]:
    """Each log line of a call as a logfmt reader sees it: key -> value."""
    formatter = ActivityFormatter("%(levelname)s %(message)s")
    lines = [formatter.format(record) for record in caplog.records if record.name == "yayay.llm"]
    return [dict(token.split("=", 1) for token in shlex.split(line) if "=" in token) for line in lines]


def test_a_plain_reply_is_the_models_text(llm_server):
    llm_server.body = completion("Swordfish.", model="local-test-model-2025")

    reply = ask(temperature=0)

    assert (reply.text, reply.model) == ("Swordfish.", "local-test-model-2025")
    sent = llm_server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer sk-local-test"
    assert sent["json"] == {"model": MODEL, "messages": QUESTION, "temperature": 0}


def test_a_server_without_a_key_gets_no_authorization_header(llm_server, settings):
    settings.LLM_API_KEY = ""
    llm_server.body = completion("Hi.")

    ask()

    assert "Authorization" not in llm_server.requests[0]["headers"]


def test_a_streamed_reply_arrives_piece_by_piece(llm_server):
    llm_server.replies = [streamed(["Sword", "fish", "."], event_delay=0.4)]
    started, arrivals = time.monotonic(), []

    pieces = []
    for piece in chat_stream(messages=QUESTION, purpose="test"):
        pieces.append(piece)
        arrivals.append(time.monotonic() - started)

    assert pieces == ["Sword", "fish", "."]
    assert arrivals[0] < arrivals[-1] - 0.5  # the first piece came while the server was still writing
    sent = llm_server.requests[0]["json"]
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}


def test_a_slow_server_times_out_once_without_retrying(llm_server, settings, caplog):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    llm_server.replies = [Reply(body=completion("Too late."), delay=1)]

    with pytest.raises(LLMTimeout, match=r"within 0\.3 seconds"):
        ask()

    assert len(llm_server.requests) == 1
    assert call_lines(caplog)[0]["outcome"] == "timeout"


def test_a_stream_that_stalls_times_out(llm_server, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    llm_server.replies = [streamed(["Sword", "fish"], event_delay=1)]
    pieces = []

    with pytest.raises(LLMTimeout):
        pieces.extend(chat_stream(messages=QUESTION, purpose="test"))

    assert pieces == ["Sword"]


def test_429_is_retried_after_the_servers_retry_after(llm_server, caplog):
    llm_server.replies = [Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "1"})]
    llm_server.body = completion("Swordfish.")
    started = time.monotonic()

    assert ask().text == "Swordfish."

    assert time.monotonic() - started >= 1
    assert len(llm_server.requests) == 2
    line = call_lines(caplog)[0]
    assert (line["outcome"], line["attempts"], line["status"]) == ("ok", "2", "200")


def test_a_server_asking_for_a_long_wait_is_not_waited_for(llm_server):
    llm_server.replies = [Reply(status=429, body={}, headers={"Retry-After": "120"})]
    started = time.monotonic()

    with pytest.raises(LLMRateLimited, match="try again in 120 seconds") as raised:
        ask()

    assert time.monotonic() - started < 1 and len(llm_server.requests) == 1
    assert (raised.value.retry_after, raised.value.status) == (120, 429)


def test_5xx_is_retried_with_backoff_then_reported(llm_server, caplog):
    llm_server.status, llm_server.body = 503, {"error": "overloaded"}
    started = time.monotonic()

    with pytest.raises(LLMServerError, match="Please try again later"):
        ask()

    assert len(llm_server.requests) == 3
    assert time.monotonic() - started >= 1.5  # 0.5 s, then 1 s
    line = call_lines(caplog)[0]
    assert (line["outcome"], line["attempts"], line["status"]) == ("server_error", "3", "503")


def test_an_unreachable_server_is_a_server_error(settings):
    settings.LLM_BASE_URL, settings.LLM_MODEL = "http://127.0.0.1:9/v1", "m"

    with pytest.raises(LLMServerError, match="could not be reached"):
        ask()


def test_a_refusal_is_not_retried(llm_server):
    llm_server.status, llm_server.body = 401, {"error": {"message": "bad key"}}

    with pytest.raises(LLMRefused, match=r"HTTP 401.*LLM_API_KEY"):
        ask()

    assert len(llm_server.requests) == 1


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad gateway</html>",
        {"choices": []},
        {"choices": [{"message": {"content": None, "tool_calls": []}}]},
        [1, 2, 3],
    ],
)
def test_a_reply_that_is_no_chat_completion_is_malformed(llm_server, body):
    llm_server.body = body

    with pytest.raises(LLMMalformedReply, match="cannot read"):
        ask()


@pytest.mark.parametrize(
    ("events", "error"),
    [
        (["not json", "[DONE]"], LLMMalformedReply),
        ([{"choices": [{"delta": "text"}]}, "[DONE]"], LLMMalformedReply),
        ([{"choices": [{"delta": {"content": "Sword"}}]}], LLMServerError),
        ([{"error": {"message": "model crashed"}}], LLMServerError),
    ],
)
def test_a_broken_stream_is_reported(llm_server, events, error):
    llm_server.replies = [Reply(events=events)]

    with pytest.raises(error):
        list(chat_stream(messages=QUESTION, purpose="test"))


def test_the_log_line_has_usage_and_never_the_conversation(llm_server, caplog):
    llm_server.body = completion("The word is swordfish.", usage=USAGE)
    llm_server.replies = [streamed(["The word ", "is swordfish."], usage=USAGE)]

    list(chat_stream(messages=QUESTION, purpose="chat"))
    ask()

    lines = call_lines(caplog)
    expected = {
        "event": "llm.call",
        "model": MODEL,
        "outcome": "ok",
        "prompt_tokens": "12",
        "completion_tokens": "3",
    }
    for line in lines:
        assert {key: line[key] for key in expected} == expected
        assert int(line["latency_ms"]) >= 0
    assert [line["purpose"] for line in lines] == ["chat", "test"]
    assert "secret" not in caplog.text and "swordfish" not in caplog.text


def test_leaving_a_stream_early_is_logged_as_cancelled(llm_server, caplog):
    llm_server.replies = [streamed(["Sword", "fish"], event_delay=0.2)]

    stream = chat_stream(messages=QUESTION, purpose="test")
    assert next(stream) == "Sword"
    stream.close()

    assert call_lines(caplog)[0]["outcome"] == "cancelled"


def test_without_configuration_nothing_is_sent_and_features_can_tell(settings):
    assert not llm_is_configured()
    with pytest.raises(LLMNotConfigured, match="LLM_BASE_URL and LLM_MODEL"):
        ask()
    with pytest.raises(LLMNotConfigured):
        chat_stream(messages=QUESTION, purpose="test")

    settings.LLM_BASE_URL, settings.LLM_MODEL = "http://127.0.0.1:11434/v1", "llama3.2"
    assert llm_is_configured()


def test_a_feature_naming_its_own_server_never_gets_the_main_key(settings):
    settings.LLM_BASE_URL, settings.LLM_API_KEY, settings.LLM_MODEL = "https://main/v1", "sk-main", "big"
    settings.LLM_TIMEOUT_SECONDS = 60

    own = llm_config(base_url="https://grader/v1", model="small", timeout_seconds=5)
    inherited = llm_config(model="small")

    assert (own.base_url, own.api_key, own.model, own.timeout_seconds) == (
        "https://grader/v1",
        "",
        "small",
        5,
    )
    assert (inherited.base_url, inherited.api_key, inherited.timeout_seconds) == (
        "https://main/v1",
        "sk-main",
        60,
    )
