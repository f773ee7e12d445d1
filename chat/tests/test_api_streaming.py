"""`stream: true` on the API's send: the reply as server-sent events, read over HTTP from pytest-django's
live server as an API client would, in front of the local model server."""

import json

import pytest
import requests

from accounts.services import api_token_create
from conftest import api_client_for
from core.testing.chat_api import streamed
from core.testing.http_server import Reply

pytestmark = pytest.mark.django_db(transaction=True)


def send_streaming(live_server, user, chat, content: str) -> requests.Response:
    key = api_token_create(user=user, name="streaming client")[1]
    return requests.post(
        f"{live_server.url}/api/v1/chats/{chat.pk}/messages/",
        json={"content": content, "stream": True},
        headers={"Authorization": f"Token {key}"},
        stream=True,
        timeout=20,
    )


def events_of(response: requests.Response) -> list[tuple[str, dict]]:
    """The (event, data) pairs as they arrive, line by line (each event: `event:`, `data:`, blank)."""
    received, name = [], None
    for line in response.iter_lines(decode_unicode=True):
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            received.append((name, json.loads(line.removeprefix("data: "))))
    return received


def test_the_reply_streams_in_pieces_then_the_saved_reply(live_server, llm_server, bob, bobs_chat):
    llm_server.replies = [streamed(["Once ", "upon ", "a time."], event_delay=0.02)]

    response = send_streaming(live_server, bob, bobs_chat, "Tell me a story.")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/event-stream"
    received = events_of(response)
    assert received[:3] == [
        ("text", {"text": "Once "}),
        ("text", {"text": "upon "}),
        ("text", {"text": "a time."}),
    ]
    reply = bobs_chat.messages.last()
    assert (reply.content, reply.status) == ("Once upon a time.", "complete")
    assert received[3:] == [
        ("done", {"reply": api_client_for(bob).get(f"/api/v1/chats/{bobs_chat.pk}/").json()["messages"][-1]})
    ]
    assert llm_server.requests[0]["json"]["stream"] is True


def test_a_failure_mid_stream_ends_with_an_error_and_saves_no_reply(live_server, llm_server, bob, bobs_chat):
    llm_server.replies = [Reply(events=[{"error": {"message": "overloaded"}}])]

    received = events_of(send_streaming(live_server, bob, bobs_chat, "Hello?"))

    assert received[-1][0] == "error" and "Your message is saved" in received[-1][1]["detail"]
    assert [(m.role, m.content) for m in bobs_chat.messages.all()][1:] == [("user", "Hello?")]


def test_an_empty_reply_is_an_error_and_saves_no_reply(live_server, llm_server, bob, bobs_chat):
    llm_server.replies = [streamed([" "])]

    received = events_of(send_streaming(live_server, bob, bobs_chat, "Hello?"))

    assert [name for name, _ in received] == ["text", "error"]
    assert [m.role for m in bobs_chat.messages.all()] == ["assistant", "user"]


def test_refusals_come_as_json_before_any_event(live_server, llm_server, bob, charlie, bobs_chat):
    assert send_streaming(live_server, charlie, bobs_chat, "Hi").status_code == 404
    empty = send_streaming(live_server, bob, bobs_chat, "")

    assert empty.status_code == 400 and "content" in empty.json()["errors"]
    assert not llm_server.requests and bobs_chat.messages.count() == 1


def test_without_a_model_the_stream_is_refused_and_nothing_sent(live_server, bob, bobs_chat):
    response = send_streaming(live_server, bob, bobs_chat, "Hello?")

    assert response.status_code == 503 and "LLM_BASE_URL" in response.json()["detail"]
    assert bobs_chat.messages.count() == 1
