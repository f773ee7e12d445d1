import logging
import re
import unicodedata

# Fields a record may carry (`extra=`), written after the message in this order: what happened to whom,
# then what a language model call reports (core.llm.client). Any other extra field follows, by name.
LOG_FIELDS = (
    "event",
    "persona_id",
    "actor_id",
    "purpose",
    "model",
    "outcome",
    "status",
    "attempts",
    "latency_ms",
    "prompt_tokens",
    "completion_tokens",
)
# What every record has whatever the caller passed: not fields of the caller's.
RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
BARE_VALUE = re.compile(r"[A-Za-z0-9_.:/@+-]+")
# Characters that could end a line, hide text or reorder it in a terminal or log viewer.
ESCAPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


class ActivityFormatter(logging.Formatter):
    """One record, one line, in logfmt: `... msg="persona created: Nova" event=persona.created
    persona_id=7 actor_id=3`. The message is quoted and escaped and so are field values, so text people
    typed (a persona's name) can neither start a new line nor pass for a field of its own."""

    def formatMessage(self, record):
        message = record.message
        record.message = f"msg={quoted(message)}"
        try:
            return super().formatMessage(record)
        finally:
            record.message = message

    def format(self, record):
        line = super().format(record)
        present = [name for name in LOG_FIELDS if hasattr(record, name)] + _other_fields(record)
        fields = [f"{name}={logfmt_value(getattr(record, name))}" for name in present]
        return " ".join([line, *fields])


def _other_fields(record) -> list[str]:
    return sorted(
        name
        for name in vars(record)
        if name not in RECORD_ATTRIBUTES and name not in LOG_FIELDS and FIELD_NAME.fullmatch(name)
    )


def logfmt_value(value) -> str:
    text = str(value)
    return text if BARE_VALUE.fullmatch(text) else quoted(text)


def quoted(text: str) -> str:
    return '"' + "".join(_escaped(char) for char in str(text)) + '"'


def _escaped(char: str) -> str:
    if char in SHORT_ESCAPES:
        return SHORT_ESCAPES[char]
    if unicodedata.category(char) in ESCAPED_CATEGORIES:
        return f"\\u{ord(char):04x}"
    return char
