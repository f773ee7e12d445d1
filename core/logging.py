import logging
import re
import unicodedata

# Fields a record may carry (`extra=`), written after the message in this order: what happened to whom,
# then what a language model call reports (core.llm.client).
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
        present = [name for name in LOG_FIELDS if hasattr(record, name)]
        fields = [f"{name}={logfmt_value(getattr(record, name))}" for name in present]
        return " ".join([line, *fields])


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
