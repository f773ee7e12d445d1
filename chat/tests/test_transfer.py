"""Chats as files: SillyTavern JSONL and JSON, imported whole or not at all, exported and read back."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chat.models import Chat, Message
from chat.services import chat_export, chat_import, message_send
from chat.tests.conftest import client_for
from core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

HEADER = {
    "user_name": "Bob",
    "character_name": "Sage",
    "create_date": "2024-05-01@10h00m00s",
    "chat_metadata": {},
}


def jsonl(*lines) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


def said(text, *, is_user, **extra) -> dict:
    return {
        "name": "Bob" if is_user else "Sage",
        "is_user": is_user,
        "send_date": "May 1, 2024 10:00am",
        "mes": text,
        **extra,
    }


def test_a_sillytavern_chat_is_imported_system_notes_skipped(bob, sage):
    file = jsonl(
        HEADER,
        said("Hello Bob.", is_user=False),
        said("Hi!", is_user=True),
        {"name": "System", "is_user": False, "is_system": True, "mes": "A note.", "send_date": 0},
        "",
        said("How are you?", is_user=False),
    )

    chat = chat_import(user=bob, persona=sage, content=file.encode(), file_format="jsonl")

    assert chat.owner == bob and chat.title == "Sage (imported)"
    assert list(chat.messages.values_list("role", "content")) == [
        ("assistant", "Hello Bob."),
        ("user", "Hi!"),
        ("assistant", "How are you?"),
    ]


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        ([said("Hi", is_user=True)], "Line 1: the first line is the header"),
        ([HEADER, said("Hi", is_user=True), '{"mes": "broken'], "Line 3: not valid JSON"),
        ([HEADER, said("Hi", is_user=True), said("", is_user=False)], "Line 3: mes must be text"),
        ([HEADER, {"name": "Bob", "is_user": "yes", "mes": "Hi"}], "Line 2: is_user must be true or false"),
        ([HEADER, said("Hi", is_user=True), [1, 2]], "Line 3: a message is a JSON object"),
    ],
    ids=["no-header", "broken-json", "empty-mes", "bad-is_user", "not-an-object"],
)
def test_a_malformed_line_is_named_and_nothing_is_left(bob, sage, lines, error):
    with pytest.raises(ApplicationError) as refused:
        chat_import(user=bob, persona=sage, content=jsonl(*lines), file_format="jsonl")

    assert refused.value.message.startswith(error)
    assert not Chat.objects.exists() and not Message.objects.exists()


def test_a_bad_json_message_is_named(bob, sage):
    document = {"messages": [{"role": "user", "content": "Hi"}, {"role": "narrator", "content": "x"}]}

    with pytest.raises(ApplicationError, match="Message 2: role must be"):
        chat_import(user=bob, persona=sage, content=json.dumps(document), file_format="json")
    assert not Chat.objects.exists()


@pytest.mark.parametrize("file_format", ["jsonl", "json"])
def test_export_and_import_round_trip(bob, sage, bobs_chat, file_format):
    message_send(chat=bobs_chat, content="Line one\nline two, “quoted” ✓")
    Message.objects.create(chat=bobs_chat, role="assistant", content="Half a rep", status="stopped")

    exported = chat_export(chat=bobs_chat, file_format=file_format)
    again = chat_import(user=bob, persona=sage, content=exported.encode(), file_format=file_format)

    original = list(bobs_chat.messages.values_list("role", "content"))
    assert list(again.messages.values_list("role", "content")) == original
    if file_format == "jsonl":
        header, *messages = [json.loads(line) for line in exported.splitlines()]
        assert (header["user_name"], header["character_name"]) == ("bob", "Sage") and "create_date" in header
        assert messages[1] | {"send_date": None} == {
            "name": "bob",
            "is_user": True,
            "is_system": False,
            "send_date": None,
            "mes": original[1][1],
        }


def test_the_pages_import_and_export_files(bob, sage, bobs_chat):
    client = client_for(bob)
    exported = client.get(f"/chats/{bobs_chat.pk}/export/jsonl/")
    assert exported["Content-Disposition"] == f'attachment; filename="chat-{bobs_chat.pk}.jsonl"'

    upload = SimpleUploadedFile("chat.jsonl", exported.content)
    imported = client.post(f"/chats/with/{sage.slug}/import/", {"file": upload, "file_format": "jsonl"})

    assert imported.status_code == 302 and Chat.objects.filter(owner=bob).count() == 2
    bad = SimpleUploadedFile("chat.jsonl", jsonl(HEADER, "nope").encode())
    refused = client.post(f"/chats/with/{sage.slug}/import/", {"file": bad, "file_format": "jsonl"})
    assert refused.status_code == 400 and "Line 2: not valid JSON" in refused.content.decode()
    assert Chat.objects.filter(owner=bob).count() == 2
