"""Character Card files (the format SillyTavern, Chub, RisuAI and Agnai exchange), read and written.

A pure Python layer (no models, no ORM): `read_card` turns an uploaded file (V1/V2/V3 JSON, a PNG with a
`chara` or `ccv3` text chunk, or a CHARX zip) into one normalized V3 `data` dict plus its image, assets
and warnings; `write_card` turns such a dict back into V2 JSON, V3 JSON, CHARX or PNG bytes.
Every problem with a file is a `CardError` whose message names it.

Modules: normalize (the card's keys and how odd values are fixed), book (the lorebook), png, charx,
assets (embedded files), jsondoc (JSON and base64), writers (export choices), limits (size bounds).
"""

from characters.cards.errors import CardError
from characters.cards.limits import DEFAULT_LIMITS, CardLimits
from characters.cards.reader import read_card as _read_card
from characters.cards.records import CardAsset, CardImport
from characters.cards.writers import EXPORT_FORMATS
from characters.cards.writers import write_card as _write_card

__all__ = [
    "DEFAULT_LIMITS",
    "EXPORT_FORMATS",
    "CardAsset",
    "CardError",
    "CardImport",
    "CardLimits",
    "read_card",
    "write_card",
]


def read_card(*, data: bytes, filename: str, limits: CardLimits = DEFAULT_LIMITS) -> CardImport:
    """Read a card file. The format is detected from the bytes (PNG signature, zip signature, JSON);
    `filename` only helps word errors. Raises CardError naming the problem; tolerated oddities are
    listed in `CardImport.warnings`, one sentence each."""
    return _read_card(data=data, filename=filename, limits=limits)


def write_card(card: dict, *, format: str, image: bytes | None = None, assets=()) -> bytes:
    """Write a normalized card (as `read_card` gives it) in `format`: "v2" or "v3" (UTF-8 JSON), "charx"
    (zip with card.json and assets/...), or "png" (needs `image`, any format Pillow reads, re-encoded to
    PNG, carrying a `chara` V2 chunk and a `ccv3` V3 chunk). Raises CardError for an unknown format, a
    card without a name, or an unreadable image. See characters.cards.writers for the export choices."""
    return _write_card(card, format=format, image=image, assets=assets)
