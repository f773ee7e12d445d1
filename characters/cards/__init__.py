"""Character Card files (the format SillyTavern, Chub, RisuAI and Agnai exchange), read and written.

A pure Python layer (no models, no ORM): `read_card` turns an uploaded file (V1/V2/V3 JSON, a PNG with a
`chara` or `ccv3` text chunk, or a CHARX zip) into one normalized V3 `data` dict plus its image, assets
and warnings; `write_card` turns such a dict back into V2 JSON, V3 JSON, CHARX or PNG bytes.
Every problem with a file is a `CardError` whose message names it.
"""

from characters.cards.errors import CardError
from characters.cards.records import CardAsset, CardImport

__all__ = ["CardAsset", "CardError", "CardImport", "read_card", "write_card"]

EXPORT_FORMATS = ("v2", "v3", "charx", "png")


def read_card(*, data: bytes, filename: str) -> CardImport:
    """Read a card file. The format is detected from the bytes (PNG signature, zip signature, JSON),
    with `filename` used only in messages and as a hint. Raises CardError naming the problem."""
    raise NotImplementedError


def write_card(card: dict, *, format: str, image: bytes | None = None, assets=()) -> bytes:
    """Write a normalized card (as `read_card` gives it) in `format`: "v2" or "v3" (UTF-8 JSON), "charx"
    (zip with card.json and assets/...), or "png" (needs `image`, any format Pillow reads, re-encoded to
    PNG, carrying a `chara` V2 chunk and a `ccv3` V3 chunk). Raises CardError for an unknown format or
    an unreadable image."""
    raise NotImplementedError
