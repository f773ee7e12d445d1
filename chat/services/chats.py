"""Chats and their messages as the user shapes them: start, pick a greeting, rename, edit, delete."""

from django.db import transaction
from django.utils import timezone

from chat.models import MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, Chat, Message
from chat.selectors import chat_definitions
from core.exceptions import ApplicationError
from persona.models import Persona


def chat_greetings(*, chat: Chat) -> list[str]:
    """The greeting and the alternate greetings, {{char}} and {{user}} filled in as SillyTavern does."""
    definitions = chat_definitions(chat=chat)
    greetings = [definitions.greeting, *definitions.alternate_greetings]
    return [_fill_names(text, chat=chat) for text in greetings if text.strip()]


def _fill_names(text: str, *, chat: Chat) -> str:
    return text.replace("{{char}}", chat.persona.name).replace("{{user}}", chat.owner.username)


@transaction.atomic
def chat_create(*, user, persona: Persona, title: str = "", with_greeting: bool = True) -> Chat:
    """A new chat, opening with the persona's greeting when it has one (an imported chat has its own)."""
    chat = Chat(owner=user, persona=persona, title=title.strip() or _default_title(persona))
    greetings = chat_greetings(chat=chat)  # 404 unless the user may chat with the persona
    chat.full_clean()
    chat.save()
    if with_greeting and greetings:
        _message_add(chat=chat, role=Message.Role.ASSISTANT, content=greetings[0])
    return chat


def _default_title(persona: Persona) -> str:
    return f"{persona.name}, {timezone.localtime():%d %b %Y %H:%M}"[:MAX_TITLE_LENGTH]


@transaction.atomic
def chat_greeting_choose(*, chat: Chat, index: int) -> Message:
    """Open with another greeting: only before the user has said anything."""
    greetings = chat_greetings(chat=chat)
    if not 0 <= index < len(greetings):
        raise ApplicationError("There is no such greeting.", field="greeting")
    if chat.messages.filter(role=Message.Role.USER).exists():
        raise ApplicationError("The greeting can only change before the conversation starts.")
    chat.messages.all().delete()
    return _message_add(chat=chat, role=Message.Role.ASSISTANT, content=greetings[index])


def chat_rename(*, chat: Chat, title: str) -> Chat:
    chat.title = title.strip()
    chat.full_clean()
    chat.save(update_fields=["title", "updated_at"])
    return chat


def chat_delete(*, chat: Chat) -> None:
    chat.delete()


def message_edit(*, message: Message, content: str) -> Message:
    """Change what a message says, the user's or the persona's; the next reply reads it as edited."""
    message.content = _checked_content(content)
    message.save(update_fields=["content", "updated_at"])
    message.chat.save(update_fields=["updated_at"])
    return message


def message_send(*, chat: Chat, content: str) -> Message:
    """The user's message, saved before the model is asked: a failed reply never loses it."""
    chat_definitions(chat=chat)  # 404 once the persona stopped answering the user
    return _message_add(chat=chat, role=Message.Role.USER, content=_checked_content(content))


def _checked_content(content: str) -> str:
    content = content.strip()
    if not content:
        raise ApplicationError("Write a message first.", field="content")
    if len(content) > MAX_MESSAGE_LENGTH:
        raise ApplicationError(f"A message has at most {MAX_MESSAGE_LENGTH} characters.", field="content")
    return content


def _message_add(*, chat: Chat, role: str, content: str, status: str = Message.Status.COMPLETE) -> Message:
    message = Message.objects.create(chat=chat, role=role, content=content, status=status)
    chat.save(update_fields=["updated_at"])
    return message
