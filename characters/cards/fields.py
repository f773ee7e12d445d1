"""Coercions from what cards in the wild hold to the type the normalized card promises. Each one that
changes a value appends one warning naming the field (`where`, e.g. "data.tags"), in plain words.

Absent or null optional values become their default silently, as every reader in the ecosystem does;
a value of the wrong type is converted when the intent is clear (a number where text belongs, text
where a list belongs) and dropped with a warning when it is not."""

import json
import math
import re
from datetime import UTC, datetime

# A date far in the future in seconds is most likely milliseconds (JavaScript's Date.now()).
MILLISECONDS_THRESHOLD = 100_000_000_000
# Dates we keep: the years 1 to 9999, what Python's datetime and PostgreSQL's timestamp both hold.
EARLIEST_DATE, LATEST_DATE = -62_135_596_800, 253_402_300_799
# Numbers written as text: longer than this is not a count or a date anyone meant.
MAX_NUMBER_TEXT = 24
_NUMBER_TEXT = re.compile(r"-?\d+(\.\d+)?")
_LIST_SEPARATOR = re.compile(r"\s*,\s*")


def _scalar_text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def as_text(value, *, where: str, warnings: list[str]) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        warnings.append(f"The field {where} was {_kind(value)}, not text; it was turned into text.")
        return _scalar_text(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        warnings.append(f"The field {where} was a list, not text; its items were joined with line breaks.")
        return "\n".join(value)
    warnings.append(f"The field {where} was {_kind(value)}, not text; it was kept as JSON text.")
    return json.dumps(value, ensure_ascii=False)


def as_text_list(value, *, where: str, warnings: list[str], split_commas: bool = False) -> list[str]:
    """A list of strings. Text becomes a one-item list, or for tag-like fields is split at commas."""
    if value is None:
        return []
    if isinstance(value, str):
        if split_commas:
            items = [item for item in _LIST_SEPARATOR.split(value.strip()) if item]
            warnings.append(
                f"The field {where} was text, not a list; it was split at commas into {len(items)} items."
            )
            return items
        warnings.append(f"The field {where} was text, not a list; it became a list of one.")
        return [value] if value else []
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return list(value)
        kept = [
            _scalar_text(item) for item in value if item is not None and not isinstance(item, dict | list)
        ]
        warnings.append(
            f"The field {where} held items that are not text; they were turned into text or dropped."
        )
        return kept
    if isinstance(value, bool | int | float):
        warnings.append(f"The field {where} was {_kind(value)}, not a list; it became a list of one.")
        return [_scalar_text(value)]
    warnings.append(f"The field {where} was {_kind(value)}, not a list; it was dropped.")
    return []


def as_object(value, *, where: str, warnings: list[str]) -> dict:
    if isinstance(value, dict):
        return value
    if value is None:
        return {}
    warnings.append(f"The field {where} was {_kind(value)}, not an object; it was replaced by an empty one.")
    return {}


def as_date(value, *, where: str, warnings: list[str]) -> int | None:
    """Unix time in whole seconds, or None. Numeric text, milliseconds and ISO 8601 dates are converted."""
    if value is None:
        return None
    if isinstance(value, str):
        return _date_from_text(value, where=where, warnings=warnings)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        warnings.append(f"The field {where} was {_kind(value)}, not a date; it was dropped.")
        return None
    if not isinstance(value, int):
        warnings.append(f"The field {where} had a fraction of a second; it was rounded down.")
        value = math.floor(value)
    if abs(value) >= MILLISECONDS_THRESHOLD and EARLIEST_DATE <= value // 1000 <= LATEST_DATE:
        warnings.append(f"The field {where} was in milliseconds; it was converted to seconds.")
        value //= 1000
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        warnings.append(f"The field {where} is not a date between the years 1 and 9999; it was dropped.")
        return None
    return value


def _date_from_text(value: str, *, where: str, warnings: list[str]) -> int | None:
    text = value.strip()
    if not text:
        return None
    if len(text) <= MAX_NUMBER_TEXT and _NUMBER_TEXT.fullmatch(text):
        warnings.append(f"The field {where} was a number written as text; it was read as a number.")
        return as_date(float(text) if "." in text else int(text), where=where, warnings=warnings)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # the spec's dates are UTC
        seconds = math.floor(moment.timestamp())
    except (ValueError, OverflowError, OSError):
        warnings.append(f'The field {where} ("{text[:40]}") is not a date; it was dropped.')
        return None
    warnings.append(f"The field {where} was a written date; it was converted to Unix time.")
    return seconds


def as_bool(value, *, where: str, warnings: list[str], default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return default
    lowered = str(value).strip().lower()
    if lowered in ("true", "yes", "1", "on"):
        converted = True
    elif lowered in ("false", "no", "0", "off", ""):
        converted = False
    else:
        warnings.append(
            f"The field {where} was {_kind(value)}, not true or false; {json.dumps(default)} was used."
        )
        return default
    warnings.append(
        f"The field {where} was {_kind(value)}, not true or false; it was read as {json.dumps(converted)}."
    )
    return converted


def as_number(value, *, where: str, warnings: list[str]):
    """An int or float; numeric text is converted; anything else is None (the field is then left out)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if len(text) <= MAX_NUMBER_TEXT and _NUMBER_TEXT.fullmatch(text):
        warnings.append(f"The field {where} was a number written as text; it was read as a number.")
        return float(text) if "." in text else int(text)
    if value is not None:
        warnings.append(f"The field {where} was {_kind(value)}, not a number; it was dropped.")
    return None


def _kind(value) -> str:
    """A value's JSON type in words: "a number", "text", "an object", "true or false"."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"
