"""The persona's replies through a local server speaking the chat completions API: what the model is sent,
what is saved, regenerating, and failures that keep the user's message."""

import pytest

from chat.models import Message
from chat.services import chat_regenerate, chat_reply, message_edit, message_send
from core.exceptions import ApplicationError
from core.llm import LLMRateLimited, LLMServerError, LLMTimeout
from core.testing.chat_api import completion
from core.testing.http_server import Reply

pytestmark = pytest.mark.django_db


def test_the_model_hears_the_definitions_and_the_conversation_and_the_reply_is_saved(llm_server, bobs_chat):
    llm_server.body = completion("Because the sky scatters blue light.")
    message_send(chat=bobs_chat, content="Why is the sky blue?")

    reply = chat_reply(chat=bobs_chat)

    system, greeting, question = llm_server.requests[0]["json"]["messages"]
    assert system["role"] == "system"
    for definition in ("Speak plainly.", "An evening class for adults.", "Let us find out together."):
        assert definition in system["content"]  # hidden from bob's pages, not from the model
    assert greeting == {"role": "assistant", "content": "Hello bob, I am Sage. Shall we begin?"}
    assert question == {"role": "user", "content": "Why is the sky blue?"}
    assert (reply.role, reply.content, reply.status) == (
        "assistant",
        "Because the sky scatters blue light.",
        "complete",
    )


def test_regenerate_replaces_the_last_reply(llm_server, bobs_chat):
    llm_server.replies = [Reply(body=completion("First try.")), Reply(body=completion("Second try."))]
    message_send(chat=bobs_chat, content="Tell me a joke.")
    chat_reply(chat=bobs_chat)

    chat_regenerate(chat=bobs_chat)

    assert [m.content for m in bobs_chat.messages.all()][1:] == ["Tell me a joke.", "Second try."]
    assert llm_server.requests[1]["json"]["messages"][-1] == {"role": "user", "content": "Tell me a joke."}


def test_the_greeting_is_not_regenerated(llm_server, bobs_chat):
    with pytest.raises(ApplicationError):
        chat_regenerate(chat=bobs_chat)

    assert bobs_chat.messages.count() == 1 and not llm_server.requests


def test_the_next_reply_reads_an_edited_message(llm_server, bobs_chat):
    llm_server.body = completion("Noted.")
    question = message_send(chat=bobs_chat, content="My name is Bbo.")
    message_edit(message=question, content="My name is Bob.")

    chat_reply(chat=bobs_chat)

    assert llm_server.requests[0]["json"]["messages"][-1]["content"] == "My name is Bob."


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(status=429, headers={"Retry-After": "60"}), LLMRateLimited),
        (Reply(status=503, headers={"Retry-After": "60"}), LLMServerError),
        (Reply(delay=1.5, body=completion("Too late.")), LLMTimeout),
    ],
    ids=["429", "5xx", "timeout"],
)
def test_a_failed_reply_keeps_the_users_message_and_may_be_retried(
    llm_server, settings, bobs_chat, reply, error
):
    settings.LLM_TIMEOUT_SECONDS = 0.5
    llm_server.replies = [reply, Reply(body=completion("Here I am."))]
    message_send(chat=bobs_chat, content="Are you there?")

    with pytest.raises(error) as failed:
        chat_reply(chat=bobs_chat)

    assert failed.value.message.startswith("The language model")
    assert [m.role for m in bobs_chat.messages.all()] == ["assistant", "user"]
    retried = chat_regenerate(chat=bobs_chat)
    assert retried.content == "Here I am."
    assert list(bobs_chat.messages.values_list("content", flat=True))[1:] == ["Are you there?", "Here I am."]


def test_long_chats_are_trimmed_oldest_first_keeping_the_system_message(llm_server, settings, bobs_chat):
    settings.LLM_CONTEXT_TOKENS, settings.LLM_CHARS_PER_TOKEN, settings.CHAT_REPLY_MAX_TOKENS = 400, 4, 100
    llm_server.body = completion("Noted.")
    for number in range(12):
        Message.objects.create(chat=bobs_chat, role="user", content=f"{number:02d} " + "x" * 80)
        Message.objects.create(chat=bobs_chat, role="assistant", content="ok")
    message_send(chat=bobs_chat, content="The newest question.")

    chat_reply(chat=bobs_chat)

    sent = llm_server.requests[0]["json"]["messages"]
    assert sent[0]["role"] == "system" and "Speak plainly." in sent[0]["content"]
    assert sent[-1]["content"] == "The newest question."
    kept = [m["content"][:2] for m in sent[1:] if m["role"] == "user" and m["content"][0].isdigit()]
    assert kept and kept == sorted(kept) and kept[-1] == "11" and "00" not in kept
    assert "Hello bob" not in str(sent[1:])  # the greeting, the oldest message, went first
