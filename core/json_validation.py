"""One set of rules for every JSON document Yayay accepts: API bodies, JSON form fields (pages and admin),
JSON form values inside multipart requests, and every value a JSON model field stores.

A document must be small, shallow, finite and storable: the standard library parses it recursively (deep
nesting is a RecursionError), accepts NaN and Infinity (which PostgreSQL's jsonb refuses), turns 1e999
into infinity and refuses integers of more than 4,300 digits with a bare ValueError; PostgreSQL refuses
NUL characters and Python's UTF-8 codec refuses unpaired surrogates. Every breach is a ValidationError
that says what is wrong and where (`$.capabilities.tools[2]`); `params["key"]` names the top-level key
it sits under, so that an API body's error can name its field.
"""

import json
import math
import re
from typing import Any

from django.core.exceptions import ValidationError

# Real documents (a persona body, its traits and capabilities) nest 4 levels at most; 32 leaves room for
# rich capability trees while staying far below the recursion limits of json, Django and PostgreSQL.
MAX_DEPTH = 32
# Longer than any id (BIGINT has 19 digits) or count, and far below Python's 4,300-digit limit, whose
# conversion cost grows with the square of the length.
MAX_INTEGER_DIGITS = 100
# One stored document (a field's value): a persona's traits and capabilities take a few hundred bytes,
# and simple-history keeps a full copy of the row on every change.
MAX_DOCUMENT_BYTES = 64 * 1024

# A string token (skipped whole, brackets inside it do not count) or a bracket.
_STRINGS_AND_BRACKETS = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[\[\]{}]')
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
_INTEGER_BOUND = 10**MAX_INTEGER_DIGITS


class _Refused:
    """What the parser's hooks return for a number they must not build; the walk reports it with its path."""

    __slots__ = ("code", "message")

    def __init__(self, message: str, code: str):
        self.message, self.code = message, code


def json_parse(document: str | bytes, *, max_bytes: int | None = MAX_DOCUMENT_BYTES) -> Any:
    """Parse a JSON document (bytes are UTF-8) under the rules above; `max_bytes=None` when the caller
    has already bounded the size (Django's DATA_UPLOAD_MAX_MEMORY_SIZE for form fields)."""
    size = len(document if isinstance(document, bytes) else document.encode("utf-8", "surrogatepass"))
    if max_bytes is not None and size > max_bytes:
        raise _too_large(size, max_bytes)
    text = _as_text(document)
    _check_nesting(text)
    try:
        value = json.loads(
            text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int
        )
    except json.JSONDecodeError as error:
        raise ValidationError(
            "This is not valid JSON: %(reason)s (line %(line)s, column %(column)s).",
            code="invalid_json",
            params={"reason": error.msg, "line": error.lineno, "column": error.colno},
        ) from None
    _check_value(value)
    return value


def json_validate(value: Any, *, max_bytes: int | None = MAX_DOCUMENT_BYTES) -> None:
    """Check a value already in memory (from a form, a service call, a task) under the same rules."""
    _check_value(value)
    size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    if max_bytes is not None and size > max_bytes:
        raise _too_large(size, max_bytes)


def _as_text(document: str | bytes) -> str:
    if isinstance(document, str):
        return document
    try:
        return document.decode("utf-8")
    except UnicodeDecodeError as error:
        message = "The JSON is not valid UTF-8 (byte %(position)s)."
        raise ValidationError(message, code="invalid_json", params={"position": error.start}) from None


def _check_nesting(text: str) -> None:
    """Count brackets outside strings in one pass, so that the recursive parser never meets deep input."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    in_object, depth, key = text.lstrip().startswith("{"), 0, None
    for token in _STRINGS_AND_BRACKETS.finditer(text):
        lexeme = token.group()
        if lexeme in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(text, token.start(), key if in_object else None)
        elif lexeme in ("]", "}"):
            depth -= 1
        elif depth == 1:
            key = lexeme[1:-1]  # in the top-level object, the last string before a bracket is its key


def _refuse_constant(name: str) -> _Refused:
    return _Refused(f"{name} is not allowed (JSON numbers are finite)", "json_not_finite")


def _finite_float(text: str) -> float | _Refused:
    number = float(text)
    if math.isfinite(number):
        return number
    return _Refused(f"The number {text[:20]} is out of range", "json_not_finite")


def _bounded_int(text: str) -> int | _Refused:
    digits = len(text.lstrip("-"))
    if digits <= MAX_INTEGER_DIGITS:
        return int(text)
    problem = f"An integer of {digits} digits is too long (at most {MAX_INTEGER_DIGITS})"
    return _Refused(problem, "json_integer_too_long")


def _check_value(value: Any) -> None:
    """Walk the value with an explicit stack (never recursion), checking every container, key and scalar."""
    stack = [(value, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict | list | tuple):
            if len(path) >= MAX_DEPTH:
                raise _invalid(f"The JSON is nested deeper than {MAX_DEPTH} levels", "json_too_deep", path)
            stack.extend(_children(item, path))
        else:
            _check_scalar(item, path)


def _children(container, path: tuple) -> list:
    if not isinstance(container, dict):
        return [(child, (*path, index)) for index, child in enumerate(container)]
    for key in container:
        if not isinstance(key, str):
            raise _invalid("Object keys must be text", "json_not_a_value", path)
        _check_text(key, (*path, key))
    return [(child, (*path, key)) for key, child in container.items()]


def _check_scalar(item: Any, path: tuple) -> None:
    if isinstance(item, float) and not math.isfinite(item):
        item = _refuse_constant(json.dumps(item))  # NaN, Infinity or -Infinity
    if isinstance(item, _Refused):
        raise _invalid(item.message, item.code, path)
    if isinstance(item, str):
        _check_text(item, path)
    elif isinstance(item, int) and not isinstance(item, bool) and abs(item) >= _INTEGER_BOUND:
        problem = f"An integer of more than {MAX_INTEGER_DIGITS} digits is too long"
        raise _invalid(problem, "json_integer_too_long", path)
    elif item is not None and not isinstance(item, bool | int | float):
        raise _invalid(f"A {type(item).__name__} is not a JSON value", "json_not_a_value", path)


def _check_text(text: str, path: tuple) -> None:
    if "\x00" in text:
        raise _invalid("The text contains a NUL character", "json_nul_character", path)
    if surrogate := _SURROGATE.search(text):
        code_point = f"U+{ord(surrogate.group()):04X}"
        raise _invalid(f"The text contains an unpaired surrogate ({code_point})", "json_surrogate", path)


def _invalid(problem: str, code: str, path: tuple) -> ValidationError:
    key = _field_name(path[0] if path else None)
    return ValidationError(f"{problem} at %(path)s.", code=code, params={"path": _render(path), "key": key})


def _field_name(key) -> str | None:
    """The top-level key a problem sits under, when it is a plain name: for an API body, its field."""
    return key if isinstance(key, str) and _NAME.fullmatch(key) else None


def _render(path: tuple) -> str:
    """`$.traits.warmth`, `$.tools[2]`, `$["odd key"]`; keys are shortened and escaped (they may hold
    the very characters being refused)."""
    parts = ["$"]
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif _NAME.fullmatch(step):
            parts.append(f".{step}")
        else:
            parts.append(f"[{json.dumps(step[:40])}]")
    return "".join(parts)


def _too_deep(text: str, position: int, key: str | None) -> ValidationError:
    return ValidationError(
        "The JSON is nested deeper than %(limit)s levels (line %(line)s, column %(column)s).",
        code="json_too_deep",
        params={
            "limit": MAX_DEPTH,
            "line": text.count("\n", 0, position) + 1,
            "column": position - text.rfind("\n", 0, position),
            "key": _field_name(key),
        },
    )


def _too_large(size: int, limit: int) -> ValidationError:
    return ValidationError(
        "The JSON is %(size)s bytes; at most %(limit)s are allowed.",
        code="json_too_large",
        params={"size": f"{size:,}", "limit": f"{limit:,}"},
    )
