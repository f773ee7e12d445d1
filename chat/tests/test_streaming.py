"""The reply streamed into the page as server-sent events, through a local server that streams it."""

import json

import pytest

from chat.models import Message
from chat.services import ReplyStream, message_send
from chat.tests.conftest import client_for
from chat.throttling import ChatReplyThrottle
from chat.views.streaming import reply_events
from core.testing.chat_api import streamed
from core.testing.http_server import Reply

pytestmark = pytest.mark.django_db


def events(chunks) -> list[tuple[str, dict]]:
    parsed = []
    for block in b"".join(chunks).decode().split("\n\n"):
        if block.strip():
            name, data = block.split("\n")
            parsed.append((name.removeprefix("event: "), json.loads(data.removeprefix("data: "))))
    return parsed


def stream(user, chat, **data):
    return client_for(user).post(f"/chats/{chat.pk}/stream/", data)


def test_the_reply_streams_piece_by_piece_and_is_saved(llm_server, bob, bobs_chat):
    llm_server.replies = [streamed(["Once ", "upon ", "a time."])]

    response = stream(bob, bobs_chat, content="Tell me a story.")

    assert response["Content-Type"] == "text/event-stream"
    received = events(response.streaming_content)
    assert received[:3] == [
        ("text", {"text": "Once "}),
        ("text", {"text": "upon "}),
        ("text", {"text": "a time."}),
    ]
    reply = bobs_chat.messages.last()
    assert received[3] == ("done", {"id": reply.pk, "status": "complete"})
    assert (reply.content, reply.status) == ("Once upon a time.", "complete")
    assert llm_server.requests[0]["json"]["stream"] is True


def test_stopping_keeps_what_arrived_marked_stopped(llm_server, bobs_chat):
    llm_server.replies = [streamed(["Once ", "upon ", "a time."], event_delay=0.05)]
    message_send(chat=bobs_chat, content="Tell me a story.")
    sent = reply_events(ReplyStream(chat=bobs_chat))

    first = next(sent)
    sent.close()  # what the server does to the response when the browser aborts the request

    assert events([first]) == [("text", {"text": "Once "})]
    reply = bobs_chat.messages.last()
    assert (reply.role, reply.content, reply.status) == ("assistant", "Once ", "stopped")


def test_a_regenerated_reply_replaces_the_old_one_only_once_it_arrives(llm_server, bob, bobs_chat):
    llm_server.replies = [streamed(["One."]), Reply(status=503, headers={"Retry-After": "60"})]
    b"".join(stream(bob, bobs_chat, content="Count.").streaming_content)

    received = events(stream(bob, bobs_chat, regenerate="1").streaming_content)

    assert received[-1][0] == "error"
    assert list(bobs_chat.messages.values_list("content", flat=True))[1:] == ["Count.", "One."]


def test_regenerate_streams_a_new_reply_in_place_of_the_last(llm_server, bob, bobs_chat):
    llm_server.replies = [streamed(["One."]), streamed(["Two."])]
    b"".join(stream(bob, bobs_chat, content="Count.").streaming_content)

    received = events(stream(bob, bobs_chat, regenerate="1").streaming_content)

    assert received[0] == ("text", {"text": "Two."})
    assert list(bobs_chat.messages.values_list("content", flat=True))[1:] == ["Count.", "Two."]


def test_a_failure_mid_stream_is_an_error_event_and_the_users_message_stays(llm_server, bob, bobs_chat):
    llm_server.replies = [Reply(events=[{"error": {"message": "overloaded"}}])]

    received = events(stream(bob, bobs_chat, content="Hello?").streaming_content)

    assert received[-1][0] == "error" and "Your message is saved" in received[-1][1]["detail"]
    assert [m.role for m in bobs_chat.messages.all()] == ["assistant", "user"]


def test_without_a_model_nothing_is_sent_nor_saved(bob, bobs_chat):
    response = stream(bob, bobs_chat, content="Hello?")

    assert response.status_code == 503 and "LLM_BASE_URL" in response.json()["detail"]
    assert bobs_chat.messages.count() == 1


def test_the_stream_is_rate_limited_per_user(llm_server, monkeypatch, bob, bobs_chat):
    monkeypatch.setattr(ChatReplyThrottle, "THROTTLE_RATES", {"chat_reply": "1/hour"})
    llm_server.replies = [streamed(["Hi."])]
    b"".join(stream(bob, bobs_chat, content="One").streaming_content)

    refused = stream(bob, bobs_chat, content="Two")

    assert refused.status_code == 429 and "many messages" in refused.json()["detail"]
    assert not Message.objects.filter(content="Two").exists()


def test_another_user_and_a_moderator_get_404(llm_server, charlie, maude, bobs_chat):
    for user in (charlie, maude):
        assert stream(user, bobs_chat, content="Hi").status_code == 404
    assert not llm_server.requests
