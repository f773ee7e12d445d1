"""CHARX cards (zip): RisuAI's layout with assets, tolerated oddities, and zip bombs and bad zips refused."""

import json
import struct
import zipfile

import pytest

from characters.cards import CardError, CardLimits, read_card
from characters.cards.tests.builders import picture, risu_charx, v3_card, zip_bytes


def read(data, **options):
    return read_card(data=data, filename="card.charx", **options)


def error_of(data, **options) -> str:
    with pytest.raises(CardError) as caught:
        read(data, **options)
    return str(caught.value)


def test_risu_charx_gives_card_assets_and_main_icon():
    result = read(risu_charx())
    assert result.source_spec == "v3"
    assert result.card["nickname"] == "Sera"
    assert [(asset.type, asset.name, asset.ext) for asset in result.assets] == [
        ("icon", "main", "png"),
        ("background", "forest", "webp"),
    ]
    assert result.image == picture("blue")
    assert result.assets[1].data == picture("green", format="WEBP")
    # The descriptor that points outside the file stays with the card, for export.
    assert result.card["assets"] == [
        {"type": "emotion", "uri": "https://example.org/happy.png", "name": "happy", "ext": "png"}
    ]
    assert result.warnings == [
        "The CHARX file also holds files the card does not use (module.risum, x_meta/main.json); "
        "they were not kept."
    ]


def test_embedded_spelling_is_accepted_with_a_warning():
    document = v3_card(
        assets=[{"type": "icon", "uri": "embedded://assets/icon/a.png", "name": "main", "ext": "png"}]
    )
    result = read(risu_charx(document, files={"assets/icon/a.png": picture()}))
    assert result.image == picture()
    assert any("spelled embedded:// rather than embeded://" in warning for warning in result.warnings)


def test_missing_asset_file_is_dropped_with_a_warning():
    document = v3_card(
        assets=[{"type": "icon", "uri": "embeded://assets/icon/gone.png", "name": "main", "ext": "png"}]
    )
    result = read(risu_charx(document, files={}))
    assert result.assets == [] and result.image is None
    assert "The asset embeded://assets/icon/gone.png is not in the file; it was dropped." in result.warnings


def test_first_icon_is_the_image_when_none_is_named_main():
    document = v3_card(assets=[{"type": "icon", "uri": "embeded://i.png", "name": "alt", "ext": ""}])
    result = read(risu_charx(document, files={"i.png": picture("white")}))
    assert result.image == picture("white")
    assert result.assets[0].ext == "png"


def test_card_json_in_a_single_folder_is_found():
    data = zip_bytes({"Seraphina/card.json": json.dumps(v3_card()).encode()})
    result = read(data)
    assert result.card["name"] == "Seraphina"
    assert "The CHARX file's card.json was in the folder Seraphina/, not at its root." in result.warnings


def test_v2_card_json_is_read_with_a_warning():
    data = zip_bytes({"card.json": json.dumps({"spec": "chara_card_v2", "data": {"name": "Two"}}).encode()})
    result = read(data)
    assert result.source_spec == "v2"
    assert "The CHARX file's card.json is a V2 card, not V3; it was read all the same." in result.warnings


def test_zip_without_card_json():
    assert error_of(zip_bytes({"readme.txt": b"hi"})) == (
        "The CHARX file has no card.json at its root, so it is not a character card."
    )


def test_damaged_zip():
    data = risu_charx()
    assert error_of(data[: len(data) // 2]) == (
        "The CHARX file is not a readable zip archive (it may be damaged or truncated)."
    )


def test_card_json_that_does_not_decode():
    assert error_of(zip_bytes({"card.json": b"{oops"})).startswith("The JSON in card.json cannot be read: ")


def test_zip_bomb_by_compression_ratio():
    document = v3_card(assets=[{"type": "other", "uri": "embeded://assets/x.bin", "name": "x", "ext": "bin"}])
    data = zip_bytes({"card.json": json.dumps(document).encode(), "assets/x.bin": b"\0" * (3 * 1024 * 1024)})
    message = error_of(data)
    assert message.startswith("The CHARX entry assets/x.bin expands ")
    assert message.endswith("times when unpacked; more than 100 times looks like a zip bomb.")


def test_zip_bomb_by_declared_size():
    data = zip_bytes({"card.json": json.dumps(v3_card()).encode(), "big.bin": b"x" * 5000})
    assert error_of(data, limits=CardLimits(max_unpacked_bytes=4000)).startswith("The CHARX file unpacks to ")


def test_too_many_entries():
    entries = {"card.json": json.dumps(v3_card()).encode(), **{f"f{i}.txt": b"x" for i in range(5)}}
    assert error_of(zip_bytes(entries), limits=CardLimits(max_zip_entries=3)) == (
        "The CHARX file has 6 entries; at most 3 are allowed."
    )


def test_card_json_over_the_card_limit():
    data = zip_bytes({"card.json": json.dumps(v3_card(description="x" * 3000)).encode()})
    message = error_of(data, limits=CardLimits(max_card_bytes=2000))
    assert message.startswith("The CHARX entry card.json is ") and message.endswith(
        "at most 2,000 bytes is allowed."
    )


def patch_central_directory(data: bytes, name: bytes, *, offset: int, value: int, size: str) -> bytes:
    """Overwrite a field of one entry's central directory record (what zip readers trust)."""
    position = 0
    while True:
        position = data.index(b"PK\x01\x02", position)
        (name_length,) = struct.unpack("<H", data[position + 28 : position + 30])
        if data[position + 46 : position + 46 + name_length] == name:
            break
        position += 4
    field = struct.pack(size, value)
    return data[: position + offset] + field + data[position + offset + len(field) :]


def test_entry_that_holds_more_than_it_declares():
    content = json.dumps(v3_card()).encode()
    data = zip_bytes({"card.json": content}, compression=zipfile.ZIP_STORED)
    lying = patch_central_directory(data, b"card.json", offset=24, value=10, size="<I")
    lying = patch_central_directory(lying, b"card.json", offset=20, value=10, size="<I")
    assert error_of(lying).startswith("The CHARX entry card.json cannot be unpacked")


def test_encrypted_entry():
    data = zip_bytes({"card.json": json.dumps(v3_card()).encode()})
    encrypted = patch_central_directory(data, b"card.json", offset=8, value=1, size="<H")
    assert error_of(encrypted) == "The CHARX entry card.json is encrypted; encrypted cards cannot be read."
