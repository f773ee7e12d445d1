"""PNG cards: the card is base64 JSON in a text chunk named `chara` (V1/V2) or `ccv3` (V3).

We walk every chunk ourselves from the signature to IEND, checking each CRC, because writers put the
card chunk after the image data (SillyTavern inserts it just before IEND), where image libraries stop
looking. tEXt is what the specs ask for; zTXt (zlib) and iTXt (UTF-8, compressed or not) are read too,
with a warning, since some image tools rewrite long text that way. Keywords are matched without regard
to case. RisuAI's `chara-ext-asset_:{path}` chunks (base64 files that `__asset:{path}` URIs point to)
are read as the card's assets.

On export the picture is re-encoded by Pillow (its own metadata dropped, turned upright) and the
`chara` and `ccv3` tEXt chunks are placed before the first IDAT, where every reader finds them. As the
V3 spec asks, the `chara` backfill's creator notes start with a notice telling V2-only readers to use
a V3 application; reading a `chara` chunk trims that notice again.
"""

import struct
import zlib
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from characters.cards.errors import CardError
from characters.cards.limits import CardLimits, megabytes
from core.uploads.images import validate_image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CARD_KEYWORDS = ("ccv3", "chara")
ASSET_KEYWORD_PREFIX = "chara-ext-asset_"
TEXT_CHUNK_TYPES = (b"tEXt", b"zTXt", b"iTXt")
MAX_CHUNK_LENGTH = 2**31 - 1  # the PNG specification's bound
PNG_MODES = ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16")
# What the V3 spec asks a PNG's V2 backfill (`chara` beside `ccv3`) to put before its creator notes, and
# a reader to trim again. Writers follow it with a line break or two, or nothing.
V2_BACKFILL_NOTICE = (
    "This character card is Character Card V3, but it is loaded as a Character Card V2. "
    "Please use a Character Card V3 compatible application to use this character card properly."
)


@dataclass(frozen=True)
class PngText:
    keyword: str  # as written in the file
    text: bytes  # the text, unpacked when it was compressed
    chunk_type: str


def read_png_texts(data: bytes, *, limits: CardLimits, warnings: list[str]) -> list[PngText]:
    """The card and asset text chunks of a PNG, in file order. CardError when the PNG is damaged."""
    if not data.startswith(SIGNATURE):
        raise CardError("The PNG is corrupt: it does not start with the PNG signature.")
    texts = []
    for number, chunk_type, body in _chunks(data, warnings=warnings):
        if chunk_type in TEXT_CHUNK_TYPES:
            text = _card_text(number, chunk_type, body, limits=limits, warnings=warnings)
            if text is not None:
                texts.append(text)
    return texts


def _chunks(data: bytes, *, warnings: list[str]):
    """(number, type, body) for every chunk up to and including IEND, each one's CRC checked."""
    view, position, number = memoryview(data), len(SIGNATURE), 0
    while True:
        number += 1
        if position == len(data):
            warnings.append("The PNG ends without its IEND chunk; the chunks before it were read.")
            return
        if position + 8 > len(data):
            raise CardError(f"The PNG is truncated: it ends inside chunk {number}.")
        length, chunk_type = struct.unpack(">I4s", view[position : position + 8])
        if not chunk_type.isalpha() or not chunk_type.isascii() or length > MAX_CHUNK_LENGTH:
            raise CardError(f"The PNG is corrupt: chunk {number} has an invalid header.")
        name = chunk_type.decode("ascii")
        end = position + 12 + length
        if end > len(data):
            raise CardError(f"The PNG is truncated: chunk {number} ({name}) is cut off before its end.")
        body = view[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", view[end - 4 : end])
        if zlib.crc32(body, zlib.crc32(chunk_type)) != crc:
            raise CardError(f"The PNG is corrupt: chunk {number} ({name}) fails its CRC check.")
        yield number, chunk_type, body
        position = end
        if chunk_type == b"IEND":
            if position < len(data):
                warnings.append(
                    f"The PNG has {megabytes(len(data) - position)} after its end; they were ignored."
                )
            return


def _card_text(number, chunk_type, body, *, limits: CardLimits, warnings: list[str]) -> PngText | None:
    keyword_bytes, separator, _text = bytes(body[:80]).partition(b"\0")
    if not separator:
        return None  # not a text chunk we can read, and so not a card
    keyword = keyword_bytes.decode("latin-1")
    is_card = keyword.lower() in CARD_KEYWORDS
    if not is_card and not keyword.lower().startswith(ASSET_KEYWORD_PREFIX):
        return None
    if is_card and len(body) > limits.max_card_bytes:
        raise CardError(
            f"The {keyword} chunk is {megabytes(len(body))}; a card chunk may be at most "
            f"{megabytes(limits.max_card_bytes)}."
        )
    content = bytes(body[len(keyword_bytes) + 1 :])
    max_text = limits.max_card_bytes if is_card else limits.max_unpacked_bytes
    name = chunk_type.decode("ascii")
    if chunk_type == b"zTXt":
        text = _unpack(content[1:], keyword=keyword, max_bytes=max_text)
    elif chunk_type == b"iTXt":
        text = _itxt_text(content, keyword=keyword, number=number, max_bytes=max_text)
    else:
        text = content
    if is_card and chunk_type != b"tEXt":
        warnings.append(
            f"The {keyword} card was in a chunk of type {name}, not tEXt; it was read all the same."
        )
    return PngText(keyword=keyword, text=text, chunk_type=name)


def _itxt_text(content: bytes, *, keyword: str, number: int, max_bytes: int) -> bytes:
    """iTXt: compression flag, method, language tag NUL, translated keyword NUL, UTF-8 text."""
    if len(content) < 2:
        raise CardError(f"The PNG is corrupt: the {keyword} iTXt chunk (chunk {number}) is cut short.")
    compressed, parts = content[0], content[2:].split(b"\0", 2)
    if len(parts) != 3:
        raise CardError(f"The PNG is corrupt: the {keyword} iTXt chunk (chunk {number}) is malformed.")
    return _unpack(parts[2], keyword=keyword, max_bytes=max_bytes) if compressed else parts[2]


def _unpack(compressed: bytes, *, keyword: str, max_bytes: int) -> bytes:
    """zlib-decompress at most max_bytes: a small chunk that unpacks to gigabytes stops here."""
    unpacker = zlib.decompressobj()
    try:
        text = unpacker.decompress(compressed, max_bytes + 1)
    except zlib.error:
        raise CardError(f"The compressed {keyword} chunk is corrupt: it cannot be unpacked.") from None
    if len(text) > max_bytes:
        raise CardError(f"The {keyword} chunk unpacks to more than {megabytes(max_bytes)}; that is too much.")
    return text


def with_backfill_notice(notes: str) -> str:
    return f"{V2_BACKFILL_NOTICE}\n\n{notes}" if notes else V2_BACKFILL_NOTICE


def without_backfill_notice(notes: str) -> str:
    """The creator notes without the notice, when they start with it."""
    for separator in ("\n\n", "\n", ""):
        if notes.startswith(V2_BACKFILL_NOTICE + separator):
            return notes[len(V2_BACKFILL_NOTICE + separator) :]
    return notes


def png_with_texts(image: bytes, texts: list[tuple[str, bytes]]) -> bytes:
    """The image (any format Pillow reads) as a PNG carrying the given tEXt chunks before its image data."""
    png = encode_png(image)
    first_idat = _first_image_data_offset(png)
    chunks = b"".join(_text_chunk(keyword, text) for keyword, text in texts)
    return png[:first_idat] + chunks + png[first_idat:]


def _first_image_data_offset(png: bytes) -> int:
    position = len(SIGNATURE)
    while png[position + 4 : position + 8] != b"IDAT":
        (length,) = struct.unpack(">I", png[position : position + 4])
        position += 12 + length
    return position


def check_image(image: bytes) -> None:
    """The project's upload checks (format, size, decompression bomb) for a card's picture."""
    try:
        validate_image(ContentFile(image, name="card-image"))
    except ValidationError as error:
        raise CardError(f"The card's image cannot be used: {error.messages[0]}") from None


def encode_png(image: bytes) -> bytes:
    """Our own PNG of the picture, after the project's upload checks."""
    check_image(image)
    with Image.open(BytesIO(image)) as opened:
        picture = ImageOps.exif_transpose(opened)
        profile = opened.info.get("icc_profile")
        if picture.mode not in PNG_MODES:
            picture = picture.convert("RGBA")
        picture.info = {}
        buffer = BytesIO()
        picture.save(buffer, format="PNG", **({"icc_profile": profile} if profile else {}))
    return buffer.getvalue()


def _text_chunk(keyword: str, text: bytes) -> bytes:
    body = keyword.encode("latin-1") + b"\0" + text
    return (
        struct.pack(">I", len(body))
        + b"tEXt"
        + body
        + struct.pack(">I", zlib.crc32(body, zlib.crc32(b"tEXt")))
    )
