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


def chat_reply_messages(*, chat: Chat) -> list[dict]:
    """What the model is sent to reply to the chat as saved; refused when the last word is not the
    user's (send a message, or regenerate the reply)."""
    chat_definitions(chat=chat)  # 404 once the persona stopped answering the chat's owner
    conversation = [{"role": m.role, "content": m.content} for m in chat.messages.all()]
    if not conversation or conversation[-1]["role"] != Message.Role.USER:
        raise ApplicationError("There is no message to reply to: write one first.", field="content")
    system = persona_system_message(persona=chat.persona)
    return messages_within_budget(
        system=system, conversation=conversation, reply_tokens=settings.CHAT_REPLY_MAX_TOKENS
    )


def chat_reply(*, chat: Chat) -> Message:
    """The persona's whole reply to the chat, saved."""
    completion = chat_complete(
        messages=chat_reply_messages(chat=chat), purpose=PURPOSE, max_tokens=settings.CHAT_REPLY_MAX_TOKENS
    )
    if not completion.text.strip():
        raise LLMMalformedReply("The language model sent an empty reply. Please try again.")
    return _reply_save(chat=chat, content=completion.text, status=Message.Status.COMPLETE)


@transaction.atomic
def chat_reply_discard(*, chat: Chat) -> None:
    """Take back the last reply, to regenerate it. The greeting is no reply: it stays."""
    last = chat.messages.order_by("-pk").first()
    if last is None or last.role != Message.Role.ASSISTANT:
        return
    if not chat.messages.filter(role=Message.Role.USER, pk__lt=last.pk).exists():
        raise ApplicationError("The greeting is not regenerated; pick another greeting instead.")
    last.delete()


def chat_regenerate(*, chat: Chat) -> Message:
    chat_reply_discard(chat=chat)
    return chat_reply(chat=chat)


class ReplyStream:
    """The reply as it arrives, piece by piece; `message` is the saved reply once the stream ends. Closed
    early (the user stopped it, or went away), it keeps what had arrived, marked stopped. A failure of the
    model saves nothing and raises the LLMError."""

    def __init__(self, *, chat: Chat):
        self.chat = chat
        self.messages = chat_reply_messages(chat=chat)  # refusals come before the response starts
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
                self.message = _reply_save(
                    chat=self.chat, content="".join(pieces), status=Message.Status.STOPPED
                )
            raise
        if not "".join(pieces).strip():
            raise LLMMalformedReply("The language model sent an empty reply. Please try again.")
        self.message = _reply_save(chat=self.chat, content="".join(pieces), status=Message.Status.COMPLETE)


def _reply_save(*, chat: Chat, content: str, status: str) -> Message:
    message = Message.objects.create(
        chat=chat, role=Message.Role.ASSISTANT, content=content[:MAX_MESSAGE_LENGTH], status=status
    )
    chat.save(update_fields=["updated_at"])
    return message


def chat_model_required() -> None:
    """Refuse before anything is saved when no model is configured (the page says how to configure one)."""
    if not llm_is_configured():
        raise LLMNotConfigured()
