"""PNG cards: card chunks wherever writers put them, in tEXt, zTXt or iTXt, and damaged PNGs refused."""

import base64
import json
import zlib

import pytest

from characters.cards import CardError, CardLimits, read_card
from characters.cards.tests.builders import (
    card_png,
    chunk,
    itxt_chunk,
    picture,
    split_chunks,
    text_chunk,
    v2_card,
    v3_card,
    with_chunks,
    ztxt_chunk,
)


def read(png, **options):
    return read_card(data=png, filename="card.png", **options)


def test_chara_chunk_after_the_image_data_is_found():
    png = card_png(text_chunk("chara", v2_card()))
    chunk_types = [raw[4:8] for raw in split_chunks(png)]
    assert chunk_types.index(b"tEXt") > chunk_types.index(b"IDAT")
    result = read(png)
    assert result.card["name"] == "Seraphina"
    assert result.source_spec == "v2"
    assert result.image == png
    assert result.warnings == []


def test_chunk_before_the_image_data_is_found():
    result = read(with_chunks(picture(), text_chunk("chara", v2_card()), before_iend=False))
    assert result.card["name"] == "Seraphina"


def test_v1_card_in_a_chara_chunk():
    result = read(card_png(text_chunk("chara", {"name": "Old", "first_mes": "Yo"})))
    assert result.source_spec == "v1"
    assert result.card["first_mes"] == "Yo"


def test_ztxt_chunk_is_unpacked_with_a_warning():
    result = read(card_png(ztxt_chunk("chara", v2_card())))
    assert result.card["name"] == "Seraphina"
    assert (
        "The chara card was in a chunk of type zTXt, not tEXt; it was read all the same." in result.warnings
    )


@pytest.mark.parametrize("compressed", [False, True])
def test_itxt_chunk_is_read_compressed_or_not(compressed):
    result = read(card_png(itxt_chunk("ccv3", v3_card(), compressed=compressed)))
    assert result.card["nickname"] == "Sera"
    assert any("in a chunk of type iTXt, not tEXt" in warning for warning in result.warnings)


def test_ccv3_is_preferred_when_both_chunks_exist():
    v2 = v2_card()
    result = read(card_png(text_chunk("chara", v2), text_chunk("ccv3", v3_card())))
    assert result.source_spec == "v3"
    assert result.card["nickname"] == "Sera"
    assert result.warnings == []


def test_chunks_that_disagree_use_ccv3_and_say_so():
    png = card_png(text_chunk("ccv3", v3_card(name="New name")), text_chunk("chara", v2_card()))
    result = read(png)
    assert result.card["name"] == "New name"
    assert (
        "The PNG's chara (V2) and ccv3 (V3) cards disagree on name; the ccv3 card was used."
        in result.warnings
    )


def test_unreadable_ccv3_falls_back_to_chara():
    broken = chunk(b"tEXt", b"ccv3\0" + base64.b64encode(b"{not json"))
    result = read(card_png(broken, text_chunk("chara", v2_card())))
    assert result.source_spec == "v2"
    assert any(
        warning.startswith("The ccv3 chunk cannot be read, so the chara chunk was used instead. The JSON in")
        for warning in result.warnings
    )


def test_keyword_case_and_repeated_chunks():
    result = read(
        card_png(text_chunk("Chara", v2_card(name="First")), text_chunk("chara", v2_card(name="Second")))
    )
    assert result.card["name"] == "First"
    assert "The PNG has 2 chara chunks; the first one was used." in result.warnings


def test_base64_without_padding_or_with_line_breaks():
    encoded = base64.b64encode(json.dumps(v2_card(name="Abcd")).encode()).rstrip(b"=")
    wrapped = b"\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    result = read(card_png(chunk(b"tEXt", b"chara\0" + wrapped)))
    assert result.card["name"] == "Abcd"


def test_plain_json_in_the_chunk_is_read_with_a_warning():
    result = read(card_png(chunk(b"tEXt", b"chara\0" + json.dumps(v2_card()).encode())))
    assert result.card["name"] == "Seraphina"
    assert "The chara chunk held plain JSON instead of base64; it was read as it is." in result.warnings


def test_png_without_iend_is_read_with_a_warning():
    png = card_png(text_chunk("chara", v2_card()))
    result = read(png[:-12])
    assert result.card["name"] == "Seraphina"
    assert "The PNG ends without its IEND chunk; the chunks before it were read." in result.warnings


def test_bytes_after_iend_are_ignored_with_a_warning():
    result = read(card_png(text_chunk("chara", v2_card())) + b"trailing")
    assert result.card["name"] == "Seraphina"
    assert "The PNG has 8 bytes after its end; they were ignored." in result.warnings


def test_risu_asset_chunks_become_assets():
    icon = picture("blue")
    document = v3_card(assets=[{"type": "emotion", "uri": "__asset:0", "name": "happy", "ext": "png"}])
    asset_chunk = chunk(b"tEXt", b"chara-ext-asset_:0\0" + base64.b64encode(icon))
    result = read(card_png(text_chunk("ccv3", document), asset_chunk))
    assert [(asset.name, asset.type, asset.ext, asset.data) for asset in result.assets] == [
        ("happy", "emotion", "png", icon)
    ]
    assert "assets" not in result.card


# Damaged and foreign files


def error_of(png, **options) -> str:
    with pytest.raises(CardError) as caught:
        read(png, **options)
    return str(caught.value)


def test_image_without_a_card_chunk():
    assert error_of(picture()) == "The image holds no character card: it has no chara or ccv3 text chunk."


def test_bad_signature():
    png = card_png(text_chunk("chara", v2_card()))
    assert error_of(b"\x89PNX" + png[4:]) == "The PNG is corrupt: it does not start with the PNG signature."


def test_truncated_chunk():
    png = card_png(text_chunk("chara", v2_card()))
    message = error_of(png[: len(png) // 2])
    assert message.startswith("The PNG is truncated: chunk ") and "is cut off before its end" in message


def test_crc_mismatch_names_the_chunk():
    bad = chunk(b"tEXt", b"chara\0" + base64.b64encode(b"{}"), crc=1234)
    assert error_of(card_png(bad)) == "The PNG is corrupt: chunk 3 (tEXt) fails its CRC check."


def test_damaged_image_data_crc():
    png = bytearray(card_png(text_chunk("chara", v2_card())))
    idat = png.index(b"IDAT")
    png[idat + 6] ^= 0xFF
    assert "(IDAT) fails its CRC check" in error_of(bytes(png))


def test_base64_that_does_not_decode():
    bad = chunk(b"tEXt", b"chara\0" + b"!!!not base64***")
    assert error_of(card_png(bad)) == "The chara chunk is not valid base64, so the card in it cannot be read."


def test_json_that_does_not_decode():
    bad = chunk(b"tEXt", b"chara\0" + base64.b64encode(b'{"name": "x",'))
    assert error_of(card_png(bad)).startswith(
        "The JSON in the chara chunk cannot be read: This is not valid JSON"
    )


def test_json_that_is_not_a_card():
    message = error_of(card_png(text_chunk("chara", {"hello": "world"})))
    assert (
        message
        == "The JSON in the chara chunk is not a character card: it has no name, description or greeting."
    )


def test_card_chunk_over_five_megabytes():
    big = chunk(b"tEXt", b"chara\0" + b"A" * (5 * 1024 * 1024 + 1))
    assert error_of(card_png(big)) == "The chara chunk is 5.1 MB; a card chunk may be at most 5 MB."


def test_compressed_chunk_that_unpacks_too_far():
    bomb = chunk(b"zTXt", b"chara\0\0" + zlib.compress(b"A" * (6 * 1024 * 1024)))
    assert error_of(card_png(bomb)) == "The chara chunk unpacks to more than 5 MB; that is too much."


def test_corrupt_compressed_chunk():
    bad = chunk(b"zTXt", b"chara\0\0" + b"not zlib at all")
    assert error_of(card_png(bad)) == "The compressed chara chunk is corrupt: it cannot be unpacked."


def test_file_over_the_size_limit():
    png = card_png(text_chunk("chara", v2_card()))
    message = error_of(png, limits=CardLimits(max_file_bytes=1000))
    assert message.startswith("The file is ") and message.endswith("; at most 1,000 bytes is allowed.")


def test_jpeg_is_named_in_the_error():
    message = (
        "The file is a JPEG image, not a character card: upload a card PNG, a card JSON file or a CHARX file."
    )
    with pytest.raises(CardError) as caught:
        read_card(data=picture(format="JPEG"), filename="a.jpg")
    assert str(caught.value) == message


def test_v2_backfill_notice_is_trimmed_and_does_not_count_as_disagreement():
    notice = (
        "This character card is Character Card V3, but it is loaded as a Character Card V2. "
        "Please use a Character Card V3 compatible application to use this character card properly."
    )
    backfill = v2_card(creator_notes=notice + "\n<b>Made with care</b>")
    both = read(card_png(text_chunk("ccv3", v3_card()), text_chunk("chara", backfill)))
    assert both.warnings == []
    alone = read(card_png(text_chunk("chara", backfill)))
    assert alone.card["creator_notes"] == "<b>Made with care</b>"
    assert "The notice for V2 readers at the start of the creator notes was removed." in alone.warnings
