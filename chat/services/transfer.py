"""Chats in and out as files: SillyTavern's JSONL (a header line with user_name, character_name and
create_date, then one message a line with name, is_user, mes and send_date) and Yayay's plain JSON
({"title", "persona", "messages": [{"role", "content", "status", "created_at"}]}).

An import is read whole before anything is saved, and saved in one transaction: a malformed file gets
an error naming the line (JSONL) or the message (JSON) at fault and why, and leaves nothing behind.
Send dates are not kept on import: the messages are dated when imported. SillyTavern's system notes
(is_system) are not part of the conversation and are skipped."""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from chat.models import MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, Chat, Message
from chat.services.chats import chat_create
from core.exceptions import ApplicationError
from core.json_validation import json_parse
from persona.models import Persona

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_MESSAGES = 5000
FORMATS = ("jsonl", "json")


@dataclass(frozen=True)
class ImportedMessage:
    role: str
    content: str


class ChatFileInvalid(ApplicationError):
    """A file that is not a chat; the message names where and why."""


def chat_export(*, chat: Chat, file_format: str) -> str:
    messages = list(chat.messages.all())
    if file_format == "jsonl":
        return _export_jsonl(chat, messages)
    document = {
        "title": chat.title,
        "persona": chat.persona.name,
        "created_at": chat.created_at.isoformat(),
        "messages": [
            {"role": m.role, "content": m.content, "status": m.status, "created_at": m.created_at.isoformat()}
            for m in messages
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _export_jsonl(chat: Chat, messages: list[Message]) -> str:
    header = {
        "user_name": chat.owner.username,
        "character_name": chat.persona.name,
        "create_date": chat.created_at.isoformat(),
        "chat_metadata": {},
    }
    lines = [header]
    for m in messages:
        is_user = m.role == Message.Role.USER
        name = chat.owner.username if is_user else chat.persona.name
        lines.append(
            {
                "name": name,
                "is_user": is_user,
                "is_system": False,
                "send_date": m.created_at.isoformat(),
                "mes": m.content,
            }
        )
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


@transaction.atomic
def chat_import(*, user, persona: Persona, content: str | bytes, file_format: str) -> Chat:
    """A new chat with the persona holding the file's messages (no greeting added: the file has its own)."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ChatFileInvalid(
            f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB.", field="file"
        )
    text = _as_text(content)
    title, messages = _parse_jsonl(text) if file_format == "jsonl" else _parse_json(text)
    chat = chat_create(user=user, persona=persona, title=title[:MAX_TITLE_LENGTH], with_greeting=False)
    Message.objects.bulk_create(Message(chat=chat, role=m.role, content=m.content) for m in messages)
    return chat


def _as_text(content: str | bytes) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ChatFileInvalid("The file is not UTF-8 text.", field="file") from None


def _parse_jsonl(text: str) -> tuple[str, list[ImportedMessage]]:
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise ChatFileInvalid("The file is empty.", field="file")
    header = _json_line(*lines[0])
    if not isinstance(header, dict) or "mes" in header or "character_name" not in header:
        raise _at_line(
            lines[0][0], "the first line is the header, with user_name, character_name and create_date"
        )
    messages = []
    for number, line in lines[1:]:
        entry = _json_line(number, line)
        if not isinstance(entry, dict):
            raise _at_line(number, "a message is a JSON object")
        if entry.get("is_system") is True:
            continue
        if not isinstance(entry.get("is_user"), bool):
            raise _at_line(number, "is_user must be true or false")
        role = Message.Role.USER if entry["is_user"] else Message.Role.ASSISTANT
        messages.append(_message(role, entry.get("mes"), where=f"Line {number}", key="mes"))
    title = f"{header['character_name']} (imported)" if isinstance(header["character_name"], str) else ""
    return title, _bounded(messages)


def _json_line(number: int, line: str):
    try:
        return json_parse(line, max_bytes=MAX_IMPORT_BYTES)
    except ValidationError as error:
        raise _at_line(number, f"not valid JSON ({' '.join(error.messages)})") from None


def _at_line(number: int, why: str) -> ChatFileInvalid:
    return ChatFileInvalid(f"Line {number}: {why}.", field="file")


def _parse_json(text: str) -> tuple[str, list[ImportedMessage]]:
    try:
        document = json_parse(text, max_bytes=MAX_IMPORT_BYTES)
    except ValidationError as error:
        raise ChatFileInvalid(
            f"The file is not valid JSON: {' '.join(error.messages)}", field="file"
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
        raise ChatFileInvalid("The file is a JSON object with a list of messages.", field="file")
    messages = []
    for index, entry in enumerate(document["messages"], start=1):
        where = f"Message {index}"
        if not isinstance(entry, dict) or entry.get("role") not in Message.Role.values:
            raise ChatFileInvalid(f"{where}: role must be “user” or “assistant”.", field="file")
        messages.append(_message(entry["role"], entry.get("content"), where=where, key="content"))
    title = document.get("title") if isinstance(document.get("title"), str) else ""
    return title, _bounded(messages)


def _message(role: str, content, *, where: str, key: str) -> ImportedMessage:
    if not isinstance(content, str) or not content.strip():
        raise ChatFileInvalid(f"{where}: {key} must be text, not empty.", field="file")
    if len(content) > MAX_MESSAGE_LENGTH:
        raise ChatFileInvalid(f"{where}: {key} is longer than {MAX_MESSAGE_LENGTH} characters.", field="file")
    return ImportedMessage(role=role, content=content)


def _bounded(messages: list[ImportedMessage]) -> list[ImportedMessage]:
    if len(messages) > MAX_IMPORT_MESSAGES:
        raise ChatFileInvalid(f"A chat holds at most {MAX_IMPORT_MESSAGES} messages.", field="file")
    return messages
