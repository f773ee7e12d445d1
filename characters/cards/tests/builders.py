"""Test cards made the way the ecosystem writes them: raw PNG chunks (so that a chunk can sit after the
image data, be compressed, or be damaged on purpose), SillyTavern-shaped JSON and RisuAI-shaped CHARX."""

import base64
import json
import struct
import zipfile
import zlib
from io import BytesIO

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def picture(color="red", size=(16, 16), format="PNG") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format)
    return buffer.getvalue()


def chunk(chunk_type: bytes, body: bytes, *, crc: int | None = None) -> bytes:
    if crc is None:
        crc = zlib.crc32(chunk_type + body)
    return struct.pack(">I", len(body)) + chunk_type + body + struct.pack(">I", crc)


def split_chunks(png: bytes) -> list[bytes]:
    """The raw chunks of a well-formed PNG, each with its length, type and CRC."""
    chunks, position = [], len(SIGNATURE)
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        chunks.append(png[position : position + 12 + length])
        position += 12 + length
    return chunks


def with_chunks(png: bytes, *extra: bytes, before_iend: bool = True) -> bytes:
    """The PNG with extra chunks just before IEND (after the image data, where SillyTavern puts its
    card), or just after IHDR."""
    chunks = split_chunks(png)
    at = len(chunks) - 1 if before_iend else 1
    return SIGNATURE + b"".join(chunks[:at] + list(extra) + chunks[at:])


def b64_json(document) -> bytes:
    return base64.b64encode(json.dumps(document).encode("utf-8"))


def text_chunk(keyword: str, document) -> bytes:
    return chunk(b"tEXt", keyword.encode("latin-1") + b"\0" + b64_json(document))


def ztxt_chunk(keyword: str, document) -> bytes:
    return chunk(b"zTXt", keyword.encode("latin-1") + b"\0\0" + zlib.compress(b64_json(document)))


def itxt_chunk(keyword: str, document, *, compressed: bool) -> bytes:
    text = zlib.compress(b64_json(document)) if compressed else b64_json(document)
    flag = b"\1\0" if compressed else b"\0\0"
    return chunk(b"iTXt", keyword.encode("latin-1") + b"\0" + flag + b"en\0" + b"\0" + text)


def card_png(*chunks: bytes) -> bytes:
    return with_chunks(picture(), *chunks)


def v2_card(**data) -> dict:
    """A V2 card as SillyTavern exports it: V1 fields mirrored at the root, its own keys beside them."""
    fields = {
        "name": "Seraphina",
        "description": "A guardian of the forest.",
        "personality": "kind",
        "scenario": "In the glade.",
        "first_mes": "*She smiles.* Welcome, {{user}}.",
        "mes_example": "<START>\n{{char}}: Hello.",
        "creator_notes": "<b>Made with care</b>",
        "system_prompt": "",
        "post_history_instructions": "",
        "alternate_greetings": ["Hi there."],
        "tags": ["fantasy", "guardian"],
        "creator": "someone",
        "character_version": "1.2",
        "extensions": {"talkativeness": "0.5", "fav": False, "depth_prompt": {"prompt": "", "depth": 4}},
        **data,
    }
    root = {
        key: fields[key]
        for key in ("name", "description", "personality", "scenario", "first_mes", "mes_example")
    }
    return {
        **root,
        "creatorcomment": fields["creator_notes"],
        "avatar": "none",
        "chat": "Seraphina - 2024-5-1 @12h 00m 00s 000ms",
        "talkativeness": "0.5",
        "fav": False,
        "tags": fields["tags"],
        "spec": "chara_card_v2",
        "spec_version": "2.0",
        "data": fields,
        "create_date": "2024-5-1 @12h 00m 00s 000ms",
    }


def v3_card(**data) -> dict:
    v2 = v2_card(**data)
    fields = {
        **v2["data"],
        "group_only_greetings": ["Hello, everyone."],
        "nickname": "Sera",
        "source": ["https://example.org/seraphina"],
        "creation_date": 1714560000,
        "modification_date": 1714563600,
    }
    fields.update(data)
    return {"spec": "chara_card_v3", "spec_version": "3.0", "data": fields}


def zip_bytes(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def risu_charx(document: dict | None = None, files: dict[str, bytes] | None = None) -> bytes:
    """A CHARX the way RisuAI writes it: card.json, assets under assets/{type}/..., its module and x_meta."""
    icon, background = picture("blue"), picture("green", format="WEBP")
    if document is None:
        document = v3_card(
            assets=[
                {"type": "icon", "uri": "embeded://assets/icon/image/main.png", "name": "main", "ext": "png"},
                {
                    "type": "background",
                    "uri": "embeded://assets/background/image/0.webp",
                    "name": "forest",
                    "ext": "webp",
                },
                {"type": "emotion", "uri": "https://example.org/happy.png", "name": "happy", "ext": "png"},
            ]
        )
    entries = {
        "card.json": json.dumps(document).encode(),
        "assets/icon/image/main.png": icon,
        "assets/background/image/0.webp": background,
        "module.risum": b"\x00risu module",
        "x_meta/main.json": b'{"type":"png"}',
    }
    if files is not None:
        entries = {"card.json": entries["card.json"], **files}
    return zip_bytes(entries)
