"""The persona's replies: the system message (persona.definitions, hidden definitions included) and the
conversation, trimmed to the context budget (core.llm.context), go to the configured model. A reply
that fails is not saved; the user's message stays, so the user may retry."""

from collections.abc import Iterator
from contextlib import closing

from django.conf import settings
from django.db import transaction

from chat.models import MAX_MESSAGE_LENGTH, Chat, Message
from chat.selectors import chat_definitions
from core.exceptions import ApplicationError
from core.llm import LLMMalformedReply, LLMNotConfigured, chat_complete, chat_stream, llm_is_configured
from core.llm.context import messages_within_budget
from persona.definitions import persona_system_message

PURPOSE = "chat"  # the log line of each call names the feature, never the chat's content


def chat_reply_messages(*, chat: Chat, replacing: Message | None = None) -> list[dict]:
    """What the model is sent to reply to the chat as saved (without the reply it is `replacing`);
    refused when the last word is not the user's (send a message, or regenerate the reply)."""
    chat_definitions(chat=chat)  # 404 once the persona stopped answering the chat's owner
    history = chat.messages.exclude(pk=replacing.pk) if replacing else chat.messages.all()
    conversation = [{"role": m.role, "content": m.content} for m in history]
    if not conversation or conversation[-1]["role"] != Message.Role.USER:
        raise ApplicationError("There is no message to reply to: write one first.", field="content")
    system = persona_system_message(persona=chat.persona)
    return messages_within_budget(
        system=system, conversation=conversation, reply_tokens=settings.CHAT_REPLY_MAX_TOKENS
    )


def chat_reply(*, chat: Chat, replacing: Message | None = None) -> Message:
    """The persona's whole reply to the chat, saved (in place of `replacing` once it has arrived)."""
    completion = chat_complete(
        messages=chat_reply_messages(chat=chat, replacing=replacing),
        purpose=PURPOSE,
        max_tokens=settings.CHAT_REPLY_MAX_TOKENS,
    )
    if not completion.text.strip():
        raise LLMMalformedReply("The language model sent an empty reply. Please try again.")
    return _reply_save(
        chat=chat, content=completion.text, status=Message.Status.COMPLETE, replacing=replacing
    )


def chat_reply_to_replace(*, chat: Chat) -> Message | None:
    """The last reply, which regenerating replaces; None when the last word is the user's (a retry of the
    reply that failed). The greeting is no reply: it stays."""
    last = chat.messages.order_by("-pk").first()
    if last is None or last.role != Message.Role.ASSISTANT:
        return None
    if not chat.messages.filter(role=Message.Role.USER, pk__lt=last.pk).exists():
        raise ApplicationError("The greeting is not regenerated; pick another greeting instead.")
    return last


def chat_regenerate(*, chat: Chat) -> Message:
    """A new reply in place of the last one; the old one stays until the new one has arrived."""
    return chat_reply(chat=chat, replacing=chat_reply_to_replace(chat=chat))


class ReplyStream:
    """The reply as it arrives, piece by piece; `message` is the saved reply once the stream ends. Closed
    early (the user stopped it, or went away), it keeps what had arrived, marked stopped. A failure of the
    model saves nothing and raises the LLMError."""

    def __init__(self, *, chat: Chat, replacing: Message | None = None):
        self.chat, self.replacing = chat, replacing
        # Refusals come here, before the response starts.
        self.messages = chat_reply_messages(chat=chat, replacing=replacing)
        self.message: Message | None = None

    def __iter__(self) -> Iterator[str]:
        pieces: list[str] = []
        stream = chat_stream(
            messages=self.messages, purpose=PURPOSE, max_tokens=settings.CHAT_REPLY_MAX_TOKENS
        )
        try:
            with closing(stream):
                for piece in stream:
                    pieces.append(piece)
                    yield piece
        except GeneratorExit:
            if "".join(pieces).strip():
                self._save("".join(pieces), Message.Status.STOPPED)
            raise
        if not "".join(pieces).strip():
            raise LLMMalformedReply("The language model sent an empty reply. Please try again.")
        self._save("".join(pieces), Message.Status.COMPLETE)

    def _save(self, content: str, status: str) -> None:
        self.message = _reply_save(chat=self.chat, content=content, status=status, replacing=self.replacing)


@transaction.atomic
def _reply_save(*, chat: Chat, content: str, status: str, replacing: Message | None) -> Message:
    if replacing is not None:
        replacing.delete()
    message = Message.objects.create(
        chat=chat, role=Message.Role.ASSISTANT, content=content[:MAX_MESSAGE_LENGTH], status=status
    )
    chat.save(update_fields=["updated_at"])
    return message


def chat_model_required() -> None:
    """Refuse before anything is saved when no model is configured (the page says how to configure one)."""
    if not llm_is_configured():
        raise LLMNotConfigured()
