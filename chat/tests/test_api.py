"""The chat API: the caller's own chats only, replies as JSON, regenerate, edit, import and export."""

import json

import pytest

from chat.models import Chat
from chat.throttling import ChatReplyThrottle
from conftest import api_client_for
from core.testing.chat_api import completion
from core.testing.http_server import Reply
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_create_list_detail_rename_and_delete(bob, sage):
    client = api_client_for(bob)

    created = client.post("/api/v1/chats/", {"persona": sage.pk}, format="json")
    assert created.status_code == 201
    chat_id = created.json()["id"]
    assert created.json()["messages"][0]["content"] == "Hello bob, I am Sage. Shall we begin?"
    assert [c["id"] for c in client.get("/api/v1/chats/").json()["results"]] == [chat_id]
    renamed = client.patch(f"/api/v1/chats/{chat_id}/", {"title": "Evening"}, format="json")
    assert renamed.json()["title"] == "Evening"
    assert client.get(f"/api/v1/chats/{chat_id}/").json()["message_count"] == 1
    assert client.delete(f"/api/v1/chats/{chat_id}/").status_code == 204
    assert not Chat.objects.exists()


def test_a_persona_the_caller_may_not_use_is_refused(bob, alice):
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    response = api_client_for(bob).post("/api/v1/chats/", {"persona": private.pk}, format="json")

    assert response.status_code == 400 and "persona" in response.json()["errors"]


def test_send_regenerate_and_edit(llm_server, bob, bobs_chat):
    llm_server.replies = [Reply(body=completion("First.")), Reply(body=completion("Second."))]
    client = api_client_for(bob)

    sent = client.post(f"/api/v1/chats/{bobs_chat.pk}/messages/", {"content": "Hi"}, format="json")
    assert sent.status_code == 201 and sent.json()["reply"]["content"] == "First."
    regenerated = client.post(f"/api/v1/chats/{bobs_chat.pk}/regenerate/")
    assert regenerated.json()["reply"]["content"] == "Second."
    reply_id = regenerated.json()["reply"]["id"]
    edited = client.patch(
        f"/api/v1/chats/{bobs_chat.pk}/messages/{reply_id}/", {"content": "Edited."}, format="json"
    )
    assert edited.json()["content"] == "Edited."
    messages = client.get(f"/api/v1/chats/{bobs_chat.pk}/").json()["messages"]
    assert [m["content"] for m in messages][1:] == ["Hi", "Edited."]


def test_failures_answer_their_status_and_keep_the_message(llm_server, bob, bobs_chat):
    llm_server.replies = [Reply(status=429, headers={"Retry-After": "60"})]
    client = api_client_for(bob)

    limited = client.post(f"/api/v1/chats/{bobs_chat.pk}/messages/", {"content": "Hi"}, format="json")

    assert limited.status_code == 429 and "too many requests" in limited.json()["detail"]
    assert bobs_chat.messages.last().content == "Hi"


def test_without_a_model_the_api_answers_503_and_saves_nothing(bob, bobs_chat):
    response = api_client_for(bob).post(f"/api/v1/chats/{bobs_chat.pk}/messages/", {"content": "Hi"})

    assert response.status_code == 503 and bobs_chat.messages.count() == 1


def test_replies_are_rate_limited_per_user(llm_server, monkeypatch, bob, bobs_chat):
    monkeypatch.setattr(ChatReplyThrottle, "THROTTLE_RATES", {"chat_reply": "1/hour"})
    llm_server.body = completion("Hello.")
    client = api_client_for(bob)
    client.post(f"/api/v1/chats/{bobs_chat.pk}/messages/", {"content": "One"}, format="json")

    refused = client.post(f"/api/v1/chats/{bobs_chat.pk}/messages/", {"content": "Two"}, format="json")

    assert refused.status_code == 429


@pytest.mark.parametrize("who", ["charlie", "maude", "superuser"])
def test_nobody_else_reads_or_touches_a_chat(request, who, bobs_chat):
    client, pk = api_client_for(request.getfixturevalue(who)), bobs_chat.pk

    assert client.get("/api/v1/chats/").json()["results"] == []
    assert client.get(f"/api/v1/chats/{pk}/").status_code == 404
    assert client.get(f"/api/v1/chats/{pk}/export/").status_code == 404
    assert client.patch(f"/api/v1/chats/{pk}/", {"title": "x"}, format="json").status_code == 404
    assert client.post(f"/api/v1/chats/{pk}/messages/", {"content": "x"}, format="json").status_code == 404
    assert client.delete(f"/api/v1/chats/{pk}/").status_code == 404


def test_a_persona_made_private_closes_the_chat_to_those_who_lost_access(bob, sage, bobs_chat):
    type(sage).objects.filter(pk=sage.pk).update(visibility=Visibility.PRIVATE)
    client = api_client_for(bob)

    assert client.get(f"/api/v1/chats/{bobs_chat.pk}/").status_code == 404
    (listed,) = client.get("/api/v1/chats/").json()["results"]
    assert (listed["id"], listed["is_available"]) == (bobs_chat.pk, False)


def test_import_and_export(bob, sage, bobs_chat):
    client = api_client_for(bob)

    exported = client.get(f"/api/v1/chats/{bobs_chat.pk}/export/?file_format=jsonl").json()
    assert exported["filename"] == f"chat-{bobs_chat.pk}.jsonl"
    body = {"persona": sage.pk, "file_format": "jsonl", "content": exported["content"]}
    imported = client.post("/api/v1/chats/import/", body, format="json")
    assert imported.status_code == 201
    assert [m["content"] for m in imported.json()["messages"]] == ["Hello bob, I am Sage. Shall we begin?"]
    broken = {**body, "content": exported["content"] + json.dumps({"mes": "x"}) + "\n"}
    refused = client.post("/api/v1/chats/import/", broken, format="json")
    assert refused.status_code == 400 and refused.json()["detail"].startswith("Line 3:")
    assert Chat.objects.count() == 2
