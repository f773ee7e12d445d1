"""Chat transcripts, as JSON or pasted: read in order, or refused whole with an error naming the message at
fault and why, and nothing imported."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from conftest import api_client_for
from content.models import ChatMessage, ContentItem, ContentKind
from content.transcripts import MAX_MESSAGES, Message, transcript_from_json, transcript_from_text

PASTED = """\
[2026-05-01 14:03] User: Hi! Who are you?
Assistant: I am Nova, a star guide.

Ask me about any constellation.
system: The user is a beginner.
"""


def refusal(read, document) -> str:
    with pytest.raises(ValidationError) as refused:
        read(document)
    return " ".join(refused.value.messages)


def test_the_paste_format_reads_roles_times_and_lines_that_continue_a_message():
    assert transcript_from_text(PASTED) == [
        Message("user", "Hi! Who are you?", datetime(2026, 5, 1, 14, 3, tzinfo=UTC)),
        Message("assistant", "I am Nova, a star guide.\n\nAsk me about any constellation."),
        Message("system", "The user is a beginner."),
    ]


def test_json_reads_a_list_or_an_object_holding_one_and_keeps_time_zones():
    messages = [
        {"role": "user", "text": "Hello", "time": "2026-05-01T14:03:00+02:00"},
        {"role": "assistant", "text": "Hi"},
    ]

    as_list, as_object = transcript_from_json(messages), transcript_from_json({"messages": messages})

    assert as_list == as_object
    assert as_list[0].sent_at == datetime(2026, 5, 1, 12, 3, tzinfo=UTC)
    assert transcript_from_text('[{"role": "user", "text": "Pasted JSON"}]') == [
        Message("user", "Pasted JSON")
    ]


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        (
            [{"role": "user", "text": "ok"}, {"role": "bot", "text": "?"}],
            "Message 2: its role is “bot”; use one of user, assistant, system.",
        ),
        ([{"role": "user"}], "Message 1: it has no text."),
        ([{"role": "user", "text": "ok"}, {"role": "user", "text": "  "}], "Message 2: its text is empty."),
        (
            [{"role": "user", "text": "x" * 10001}],
            "Message 1: its text has 10,001 characters; at most 10,000.",
        ),
        (
            [{"role": "user", "text": "ok", "time": "yesterday"}],
            "Message 1: its time “yesterday” is not a date and time",
        ),
        (
            [{"role": "user", "text": "ok", "time": "2026-13-01T00:00"}],
            "Message 1: its time “2026-13-01T00:00” is not",
        ),
        (
            [
                {"role": "user", "text": "a", "time": "2026-05-01T10:00:00Z"},
                {"role": "user", "text": "b"},
                {"role": "user", "text": "c", "time": "2026-05-01T09:00:00Z"},
            ],
            "Message 3: its time is earlier than message 1’s.",
        ),
        (
            [{"role": "user", "text": "ok"}, "hello"],
            'Message 2: it is not an object with a "role" and a "text".',
        ),
        (
            [{"role": "user", "text": "ok", "name": "Al"}],
            "Message 1: it has unknown fields (name); use role, text and time.",
        ),
        ([], "The transcript has no messages."),
        ({"chat": []}, 'A transcript is a list of messages, or an object with a "messages" list.'),
    ],
)
def test_a_malformed_json_transcript_names_the_message_at_fault_and_why(messages, expected):
    assert expected in refusal(transcript_from_json, messages)


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        ("Hello there\nUser: hi", "Line 1: a transcript starts with a message"),
        ("User: hi\nAssistant:\n\nUser: again", "Message 2 (line 2): its text is empty."),
        ("User: hi\n[soon] Assistant: hello", "Message 2 (line 2): its time “soon” is not a date and time"),
        (
            "[2026-05-01 10:00] User: a\n[2026-05-01 09:00] User: b",
            "Message 2 (line 2): its time is earlier than message 1’s.",
        ),
        ("   \n\n", "The transcript is empty"),
        ('[{"role": "user", "text": "ok"},', "This is not valid JSON"),
        ('[{"role": "robot", "text": "beep"}]', "Message 1: its role is “robot”"),
    ],
)
def test_a_malformed_pasted_transcript_names_the_message_and_its_line(pasted, expected):
    assert expected in refusal(transcript_from_text, pasted)


def test_a_role_holding_percent_signs_is_quoted_not_formatted():
    assert "its role is “50% bot”" in refusal(transcript_from_json, [{"role": "50% bot", "text": "x"}])


def test_too_many_messages_are_refused():
    messages = [{"role": "user", "text": "x"}] * (MAX_MESSAGES + 1)

    assert f"at most {MAX_MESSAGES:,} are allowed" in refusal(transcript_from_json, messages)


IMPORT = "/api/v1/content/transcripts/"


@pytest.mark.django_db
def test_the_api_imports_a_chat_with_its_messages_in_order(alice, nova):
    body = {
        "persona": nova.pk,
        "title": "First contact",
        "messages": [
            {"role": "user", "text": "Hi"},
            {"role": "assistant", "text": "Hello!", "time": "2026-05-01T14:03:00Z"},
        ],
    }

    response = api_client_for(alice).post(IMPORT, body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == ContentKind.CHAT
    assert [(m["role"], m["text"]) for m in response.json()["messages"]] == [
        ("user", "Hi"),
        ("assistant", "Hello!"),
    ]
    assert response.json()["messages"][1]["time"] == "2026-05-01T14:03:00Z"


@pytest.mark.django_db
def test_a_malformed_transcript_through_the_api_is_a_400_naming_the_message_and_nothing_is_left(alice, nova):
    body = {
        "persona": nova.pk,
        "title": "Broken",
        "messages": [
            {"role": "user", "text": "Hi"},
            {"role": "assistant", "text": "Hello"},
            {"role": "narrator", "text": "?"},
        ],
    }

    response = api_client_for(alice).post(IMPORT, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["messages"] == [
        "Message 3: its role is “narrator”; use one of user, assistant, system."
    ]
    assert not ContentItem.objects.exists() and not ChatMessage.objects.exists()


@pytest.mark.django_db
def test_a_failure_after_the_item_is_saved_leaves_nothing_half_imported(alice, nova, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(ChatMessage.objects, "bulk_create", fail)
    from content.services import content_import_transcript

    with pytest.raises(RuntimeError):
        content_import_transcript(persona=nova, actor=alice, title="Half", messages=[Message("user", "Hi")])

    assert not ContentItem.objects.exists()


@pytest.mark.django_db
def test_the_import_page_imports_a_pasted_chat(client, alice, nova):
    client.force_login(alice)

    response = client.post(f"/content/personas/{nova.slug}/import/", {"title": "Stars", "transcript": PASTED})

    item = ContentItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert list(item.messages.values_list("role", flat=True)) == ["user", "assistant", "system"]
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Ask me about any constellation." in page


@pytest.mark.django_db
def test_the_import_page_shows_which_message_is_wrong_and_imports_nothing(client, alice, nova):
    client.force_login(alice)

    pasted = "User: hi\nAssistant: hello\n[tomorrow] User: and then?"

    response = client.post(f"/content/personas/{nova.slug}/import/", {"title": "Stars", "transcript": pasted})

    assert response.status_code == 400
    assert "Message 3 (line 3): its time “tomorrow” is not a date and time" in response.content.decode()
    assert not ContentItem.objects.exists()
