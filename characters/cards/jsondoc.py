"""Card JSON goes through the project's one JSON validation module (core.json_validation): it bounds
depth, size and integer length and refuses NaN/Infinity, NUL characters and unpaired surrogates, which
PostgreSQL could not store. Its ValidationError becomes a CardError naming where the JSON was found.

Base64 in PNG chunks is decoded here too, with the slack the ecosystem's writers need (line breaks,
missing padding, and raw JSON where base64 was expected)."""

import base64
import binascii

from django.core.exceptions import ValidationError

from characters.cards.errors import CardError
from characters.cards.limits import megabytes
from core.json_validation import json_parse

UTF8_BOM = b"\xef\xbb\xbf"


def parse_card_json(document: bytes, *, where: str, max_bytes: int, warnings: list[str]) -> object:
    """The JSON value in `document` (UTF-8); `where` names it in messages ("the file", "the ccv3 chunk")."""
    if len(document) > max_bytes:
        raise CardError(
            f"The card in {where} is {megabytes(len(document))}; at most {megabytes(max_bytes)} is allowed."
        )
    if document.startswith(UTF8_BOM):
        document = document[len(UTF8_BOM) :]
        warnings.append(f"The JSON in {where} started with a byte order mark; it was ignored.")
    try:
        return json_parse(document, max_bytes=None)
    except ValidationError as error:
        raise CardError(f"The JSON in {where} cannot be read: {error.messages[0]}") from None


def decode_base64_text(text: bytes, *, where: str, warnings: list[str]) -> bytes:
    """The bytes a base64 text chunk holds. JSON stored without base64 is taken as it is, with a warning."""
    compact = b"".join(text.split())
    if compact.startswith((b"{", UTF8_BOM + b"{")):
        warnings.append(f"The {where} held plain JSON instead of base64; it was read as it is.")
        return text.strip()
    if missing := -len(compact) % 4:
        warnings.append(f"The base64 in the {where} lacked its padding; it was added.")
        compact += b"=" * missing
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        pass
    try:
        decoded = base64.b64decode(compact, altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise CardError(f"The {where} is not valid base64, so the card in it cannot be read.") from None
    warnings.append(f"The {where} used the URL-safe base64 alphabet; it was decoded all the same.")
    return decoded
