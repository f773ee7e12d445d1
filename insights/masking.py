"""Personal data out of exported details: names to initials, e-mail addresses and phone numbers masked
in every text, however deep (quotes of answers, pain descriptions, the source context alike).

Names: the persona's full name, and each of its words of two letters or more, become initials wherever
they occur ("Maria Lopez" → "M. L."; "Maria said" → "M. said"). Other people's names in free text
cannot be told from ordinary words without a language model, so they are left as written.
E-mail addresses become "[email]". Phone numbers, a run of at least 7 digits with spaces, dots,
dashes, slashes or brackets between them and an optional leading +, become "[phone]"; ISO dates
and times (2026-12-01, 2026-12-01T19:20:33) are not phone numbers and stay.
"""

import re

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"
MIN_PHONE_DIGITS = 7
# Keys whose values are the export's own bookkeeping, not text about the persona.
STRUCTURAL_KEYS = frozenset({"id", "created_at", "updated_at", "generated_at", "at"})

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d\s./()-]{5,}\d(?![\w-])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def initials(name: str) -> str:
    return " ".join(f"{word[0].upper()}." for word in name.split() if word)


def _mask_phone(match: re.Match) -> str:
    text = match.group(0)
    digits = sum(character.isdigit() for character in text)
    if digits < MIN_PHONE_DIGITS or _ISO_DATE.search(text):
        return text
    return PHONE_MASK


def _name_pattern(full_name: str) -> re.Pattern | None:
    words = [word for word in full_name.split() if len(word) >= 2]
    if not words:
        return None
    alternatives = [re.escape(full_name.strip()), *sorted(map(re.escape, words), key=len, reverse=True)]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def text_mask(text: str, *, name_pattern: re.Pattern | None = None) -> str:
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PHONE.sub(_mask_phone, text)
    if name_pattern is not None:
        text = name_pattern.sub(lambda match: initials(match.group(0)), text)
    return text


def _masked(value, name_pattern):
    if isinstance(value, str):
        return text_mask(value, name_pattern=name_pattern)
    if isinstance(value, dict):
        return {key: _masked_item(key, item, name_pattern) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item, name_pattern) for item in value]
    return value


def _masked_item(key, item, name_pattern):
    return item if key in STRUCTURAL_KEYS else _masked(item, name_pattern)


def details_mask(details: dict) -> dict:
    """A masked copy of the details (the original is left as it was)."""
    full_name = details.get("full_name") or ""
    return _masked(details, _name_pattern(full_name))
