"""How much of a file the card reader will look at. The defaults fit every real card we know of (a PNG
card is a few MB, a RisuAI CHARX with emotion sprites some tens of MB); the characters app may pass its
own `CardLimits` built from settings."""

import math
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class CardLimits:
    # The uploaded file as a whole (JSON, PNG or CHARX).
    max_file_bytes: int = 50 * MB
    # One card's JSON: a PNG text chunk (base64 or decompressed), or card.json in a CHARX.
    max_card_bytes: int = 5 * MB
    # A CHARX zip: its entries, all of them unpacked, and how much one entry may expand.
    max_zip_entries: int = 1000
    max_unpacked_bytes: int = 200 * MB
    max_compression_ratio: int = 100
    # Entries smaller than this are exempt from the ratio check: a few KB of JSON of spaces is harmless.
    ratio_exempt_bytes: int = 1 * MB


DEFAULT_LIMITS = CardLimits()


def megabytes(size: int) -> str:
    """A size in words for messages: "5 MB", "6.2 MB", "830 bytes". Rounded up, so that a size just
    over a limit never reads as the limit itself."""
    if size < 10_000:
        return f"{size:,} bytes"
    return f"{math.ceil(size * 10 / MB) / 10:.1f}".removesuffix(".0") + " MB"
