"""Chat transcripts: an ordered list of messages, each a role (user, assistant or system), a text and an
optional time. They come as JSON, through the API or pasted on the import page:

    [{"role": "user", "text": "Hi! Who are you?", "time": "2026-05-01T14:03:00Z"},
     {"role": "assistant", "text": "I am Nova, a star guide."}]

(or that list as the "messages" of an object), or pasted in the paste format:

    [2026-05-01 14:03] User: Hi! Who are you?
    Assistant: I am Nova, a star guide.
    Ask me about any constellation.
    System: The user is a beginner.

In the paste format a line starting with "User:", "Assistant:" or "System:" (any case, optionally after
a time in square brackets) starts a message; every other line continues the message before it. Times
are ISO 8601 (`2026-05-01 14:03`, `2026-05-01T14:03:00+02:00`), UTC when no zone is given, and never go
back in time. A transcript that breaks a rule is refused whole, with an error naming the message at
fault (and, pasted, its line) and why.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from content.models import MAX_MESSAGE_LENGTH, ChatRole
from core.json_validation import json_parse

MAX_MESSAGES = 1000
JSON_FIELDS = {"role", "text", "time"}
ROLES = ", ".join(ChatRole.values)
_JSON_START = re.compile(r"\s*(?:\{|\[\s*[{\]])")
_ROLE_LINE = re.compile(
    r"\s*(?:\[(?P<time>[^\]]*)\]\s*)?(?P<role>user|assistant|system)\s*:[ \t]?(?P<text>.*)", re.IGNORECASE
)


@dataclass(frozen=True)
class Message:
    role: str
    text: str
    sent_at: datetime | None = None


def transcript_from_text(text: str) -> list[Message]:
    """What was pasted on the page: JSON when it opens an object or a list of them ("{", "[{", "[]"),
    else the paste format (whose lines may start with a time in brackets)."""
    if _JSON_START.match(text):
        return transcript_from_json(json_parse(text))
    return _from_paste(text)


def transcript_from_json(document) -> list[Message]:
    """A parsed JSON document (checked by core.json_validation): a list of messages, each an object of
    "role", "text" and optionally "time", or an object holding that list as "messages"."""
    messages = document.get("messages") if isinstance(document, dict) else document
    if not isinstance(messages, list):
        raise ValidationError(
            'A transcript is a list of messages, or an object with a "messages" list.', code="transcript"
        )
    _check_count(len(messages))
    transcript = [_from_json_message(number, raw) for number, raw in enumerate(messages, 1)]
    _check_order(transcript, lines=None)
    return transcript


def _from_json_message(number: int, raw) -> Message:
    if not isinstance(raw, dict):
        raise _refused(number, None, 'it is not an object with a "role" and a "text"')
    if unknown := sorted(set(raw) - JSON_FIELDS):
        raise _refused(number, None, f"it has unknown fields ({', '.join(unknown)}); use role, text and time")
    return _message(number, None, raw.get("role"), raw.get("text"), raw.get("time"))


def _from_paste(text: str) -> list[Message]:
    started: list[dict] = []
    for line_number, line in enumerate(text.splitlines(), 1):
        if match := _ROLE_LINE.fullmatch(line):
            started.append({"line": line_number, "role": match["role"], "time": match["time"], "text": []})
            started[-1]["text"].append(match["text"])
        elif started:
            started[-1]["text"].append(line)
        elif line.strip():
            raise ValidationError(
                f"Line {line_number}: a transcript starts with a message, a line beginning with “User:”, "
                "“Assistant:” or “System:”.",
                code="transcript",
            )
    if not started:
        raise ValidationError("The transcript is empty: paste at least one message.", code="transcript")
    _check_count(len(started))
    transcript = [
        _message(
            number, entry["line"], entry["role"].lower(), "\n".join(entry["text"]).strip(), entry["time"]
        )
        for number, entry in enumerate(started, 1)
    ]
    _check_order(transcript, lines=[entry["line"] for entry in started])
    return transcript


def _message(number: int, line: int | None, role, text, time) -> Message:
    if role not in ChatRole.values:
        shown = f"“{str(role)[:40]}”" if role is not None else "missing"
        raise _refused(number, line, f"its role is {shown}; use one of {ROLES}")
    if not isinstance(text, str) or not text.strip():
        raise _refused(number, line, "its text is empty" if isinstance(text, str) else "it has no text")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise _refused(number, line, f"its text has {len(text):,} characters; at most {MAX_MESSAGE_LENGTH:,}")
    return Message(role=role, text=text, sent_at=_time(number, line, time))


def _time(number: int, line: int | None, time) -> datetime | None:
    if time is None or time == "":
        return None
    try:
        moment = parse_datetime(time.strip()) if isinstance(time, str) else None
    except ValueError:  # well-formed but impossible, such as month 13
        moment = None
    if moment is None:
        raise _refused(
            number, line, f"its time “{str(time)[:40]}” is not a date and time like 2026-05-01 14:03"
        )
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _check_count(count: int) -> None:
    if count == 0:
        raise ValidationError("The transcript has no messages.", code="transcript")
    if count > MAX_MESSAGES:
        raise ValidationError(
            f"The transcript has {count:,} messages; at most {MAX_MESSAGES:,} are allowed.", code="transcript"
        )


def _check_order(transcript: list[Message], *, lines: list[int] | None) -> None:
    latest = None  # (message number, time) of the latest message with a time
    for number, message in enumerate(transcript, 1):
        if message.sent_at is None:
            continue
        if latest and message.sent_at < latest[1]:
            line = lines[number - 1] if lines else None
            raise _refused(number, line, f"its time is earlier than message {latest[0]}’s")
        latest = (number, message.sent_at)


def _refused(number: int, line: int | None, why: str) -> ValidationError:
    where = f"Message {number}" + (f" (line {line})" if line else "")
    return ValidationError(f"{where}: {why}.", code="transcript_message")
