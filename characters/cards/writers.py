"""Writing a normalized card as V2 JSON, V3 JSON, CHARX or PNG.

The card is normalized again first, so a partial dict (only a name) is enough. Choices:
- V2 (`spec_version` "2.0") keeps the V3-only fields (nickname, source, group_only_greetings, the dates,
  assets) in `data`, as SillyTavern's own `chara` chunk does: V2 readers ignore keys they do not know,
  and nothing is lost when the card comes back. The six V1 fields are mirrored at the root for readers
  that predate V2, as SillyTavern writes them.
- V3 (`spec_version` "3.0") is the normalized card under `data`. Both put `root_extras` back at the root.
- `character_book`, `creation_date` and `modification_date` are left out when None (the specs make them
  optional); every other key is written, defaults included. Dates are written as given: a caller that
  wants `modification_date` to be the export time sets it.
- CHARX: card.json (V3, with `data.assets` listing the files) and the assets; the image, when given, is
  the main icon in its own format: it takes the place of an icon asset named "main" (so the current
  picture wins over the one a CHARX came with), or comes first; a `ccdefault:` icon descriptor then
  gives way to it.
- PNG: the image re-encoded as PNG with a `chara` chunk (V2) and a `ccv3` chunk (V3), both base64 of
  compact UTF-8 JSON; the `chara` backfill's creator notes start with the V3 spec's notice for V2-only
  readers (see png.py), which our reader trims. A PNG carries no assets besides its picture (CHARX does).
"""

import base64
import json
from io import BytesIO

from PIL import Image

from characters.cards.assets import LOCAL_PREFIXES
from characters.cards.charx import asset_path, write_charx
from characters.cards.errors import CardError
from characters.cards.normalize import (
    RESERVED_ROOT_KEYS,
    ROOT_EXTRAS,
    V1_FIELDS,
    normalize_data,
    require_name,
)
from characters.cards.png import check_image, png_with_texts, with_backfill_notice
from characters.cards.records import CardAsset

EXPORT_FORMATS = ("v2", "v3", "charx", "png")
OPTIONAL_WHEN_NONE = ("character_book", "creation_date", "modification_date")
PILLOW_EXTENSIONS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def write_card(card: dict, *, format: str, image: bytes | None = None, assets=()) -> bytes:
    if format not in EXPORT_FORMATS:
        raise CardError(f'"{format}" is not a card format; use one of {", ".join(EXPORT_FORMATS)}.')
    if not isinstance(card, dict):
        raise CardError("The card to write must be a dict of its fields.")
    normalized = normalize_data(card, where="", warnings=[])
    require_name(normalized)
    if format == "v2":
        return _json_bytes(v2_document(normalized), pretty=True)
    if format == "v3":
        return _json_bytes(v3_document(normalized), pretty=True)
    if format == "png":
        return _png(normalized, image)
    return _charx(normalized, image, list(assets))


def v3_document(card: dict, *, carried: list[dict] = ()) -> dict:
    """The V3 document; `carried` are the descriptors of the files a CHARX holds beside it."""
    data = _export_data(card)
    if carried:
        data["assets"] = [*data.get("assets", []), *carried]
    return {"spec": "chara_card_v3", "spec_version": "3.0", "data": data, **_root_extras(card)}


def v2_document(card: dict) -> dict:
    data = _export_data(card)
    mirrors = {key: data[key] for key in V1_FIELDS}
    return {"spec": "chara_card_v2", "spec_version": "2.0", **mirrors, "data": data, **_root_extras(card)}


def _export_data(card: dict) -> dict:
    data = {key: value for key, value in card.items() if key != ROOT_EXTRAS}
    for key in OPTIONAL_WHEN_NONE:
        if data[key] is None:
            del data[key]
    outside = [item for item in data.pop("assets", []) if not item["uri"].startswith(LOCAL_PREFIXES)]
    if outside:
        data["assets"] = outside
    return data


def _root_extras(card: dict) -> dict:
    """Root keys that came with the card, minus any a reader would take for the card's own fields."""
    extras = card.get(ROOT_EXTRAS, {})
    return {key: value for key, value in extras.items() if key not in RESERVED_ROOT_KEYS}


def _json_bytes(document: dict, *, pretty: bool) -> bytes:
    if pretty:
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _png(card: dict, image: bytes | None) -> bytes:
    if not image:
        raise CardError("A PNG card needs an image to carry it.")
    backfill = v2_document(card)
    backfill["data"]["creator_notes"] = with_backfill_notice(card["creator_notes"])
    texts = [
        ("chara", base64.b64encode(_json_bytes(backfill, pretty=False))),
        ("ccv3", base64.b64encode(_json_bytes(v3_document(card), pretty=False))),
    ]
    return png_with_texts(image, texts)


def _charx(card: dict, image: bytes | None, assets: list[CardAsset]) -> bytes:
    if image:
        assets = _with_main_icon(assets, image)
    taken: set[str] = set()
    placed = [(asset_path(asset, taken), asset) for asset in assets]
    outside = [item for item in card.get("assets", []) if not item["uri"].startswith(LOCAL_PREFIXES)]
    if any(asset.type == "icon" for asset in assets):
        outside = [item for item in outside if not (item["type"] == "icon" and item["uri"] == "ccdefault:")]
    carried = [
        {"type": asset.type, "uri": f"embeded://{path}", "name": asset.name, "ext": path.rsplit(".", 1)[-1]}
        for path, asset in placed
    ]
    document = v3_document({**card, "assets": outside}, carried=carried)
    return write_charx(_json_bytes(document, pretty=True), placed)


def _with_main_icon(assets: list[CardAsset], image: bytes) -> list[CardAsset]:
    """The image is the main icon: it takes the place of an icon asset named "main", or comes first."""
    icon = CardAsset(name="main", type="icon", ext=_image_extension(image), data=image)
    kept, placed = [], False
    for asset in assets:
        if asset.type == "icon" and asset.name == "main":
            kept.extend([] if placed else [icon])
            placed = True
        else:
            kept.append(asset)
    return kept if placed else [icon, *kept]


def _image_extension(image: bytes) -> str:
    """The image's format as an extension, after the same checks as a PNG export's image."""
    check_image(image)
    with Image.open(BytesIO(image)) as opened:
        return PILLOW_EXTENSIONS.get(opened.format, "png")
