"""Lossless round trips: a generated card, imported, exported in each format and imported again, is the
same normalized card, unknown keys, extensions, lorebook and assets included, and our own files read
without a single warning."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from characters.cards import EXPORT_FORMATS, CardAsset, read_card, write_card
from characters.cards.normalize import CARD_FIELDS, RESERVED_ROOT_KEYS, ROOT_EXTRAS, TEXT_FIELDS
from characters.cards.tests.builders import card_png, picture, risu_charx, text_chunk, v2_card

IMAGE = picture("purple")
TRICKY_TEXT = [
    "",
    " ",
    "<b>bold</b>",
    '<script>alert("x")</script>',
    "{{char}} & {{user}}",
    "漢字 🐉",
    "a, b",
    "\n\t",
]

plain_text = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30
)
text = st.one_of(plain_text, st.sampled_from(TRICKY_TEXT))
name = text.filter(lambda value: value.strip())
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
unknown_key = plain_text.filter(lambda key: key not in (*CARD_FIELDS, "assets", ROOT_EXTRAS))
dates = st.one_of(st.none(), st.integers(-(10**10), 10**10))

entries = st.fixed_dictionaries(
    {
        "keys": st.lists(text, max_size=3),
        "content": text,
        "extensions": st.dictionaries(text, json_value, max_size=2),
        "enabled": st.booleans(),
        "insertion_order": st.integers(-1000, 1000),
        "use_regex": st.booleans(),
    },
    optional={
        "case_sensitive": st.booleans(),
        "constant": st.booleans(),
        "selective": st.booleans(),
        "name": text,
        "comment": text,
        "priority": st.integers(0, 100),
        "id": st.integers(0, 10**6) | text,
        "secondary_keys": st.lists(text, max_size=2),
        "position": st.sampled_from(["before_char", "after_char"]),
        "x_entry_unknown": json_value,
    },
)
books = st.fixed_dictionaries(
    {"extensions": st.dictionaries(text, json_value, max_size=2), "entries": st.lists(entries, max_size=3)},
    optional={
        "name": text,
        "description": text,
        "scan_depth": st.integers(0, 100),
        "token_budget": st.integers(0, 10**5),
        "recursive_scanning": st.booleans(),
        "x_book_unknown": json_value,
    },
)
outside_assets = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["background", "emotion", "other", "x_custom"]),
        "uri": st.sampled_from(["https://example.org/a.png", "data:image/png;base64,iVBORw0KGgo="]),
        "name": text,
        "ext": st.sampled_from(["png", "webp", "mp3"]),
    }
)
cards = st.fixed_dictionaries(
    {
        "name": name,
        **dict.fromkeys(TEXT_FIELDS[1:], text),
        "alternate_greetings": st.lists(text, max_size=3),
        "group_only_greetings": st.lists(text, max_size=2),
        "tags": st.lists(text, max_size=4),
        "source": st.lists(text, max_size=2),
        "creation_date": dates,
        "modification_date": dates,
        "character_book": st.none() | books,
        "extensions": st.dictionaries(text, json_value, max_size=3),
    },
    optional={"assets": st.lists(outside_assets, min_size=1, max_size=2)},
)
unknown_data = st.dictionaries(unknown_key, json_value, max_size=3)
root_extras = st.dictionaries(
    plain_text.filter(lambda key: key not in RESERVED_ROOT_KEYS), json_value, max_size=3
)
carried_assets = st.lists(
    st.builds(
        CardAsset,
        name=text,
        type=st.sampled_from(["background", "emotion", "user_icon", "x_risu"]),
        ext=st.sampled_from(["png", "webp", "mp3", "ttf", "bin"]),
        data=st.binary(max_size=64),
    ),
    max_size=3,
)

ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def first_import(card: dict, unknown: dict, extras: dict):
    document = {**extras, "spec": "chara_card_v3", "spec_version": "3.0", "data": {**card, **unknown}}
    return read_card(data=json.dumps(document).encode("utf-8"), filename="card.json")


@ROUND_TRIP
@given(card=cards, unknown=unknown_data, extras=root_extras)
def test_import_keeps_every_generated_value(card, unknown, extras):
    imported = first_import(card, unknown, extras)
    assert imported.warnings == []
    assert imported.card == {**card, **unknown, **({ROOT_EXTRAS: extras} if extras else {})}


@ROUND_TRIP
@given(card=cards, unknown=unknown_data, extras=root_extras, assets=carried_assets)
def test_every_export_format_reads_back_as_the_same_card(card, unknown, extras, assets):
    normalized = first_import(card, unknown, extras).card
    for export_format in EXPORT_FORMATS:
        again = read_card(
            data=write_card(normalized, format=export_format, image=IMAGE, assets=assets), filename="exported"
        )
        assert again.card == normalized, export_format
        assert again.warnings == [], export_format
        if export_format == "charx":
            assert again.image == IMAGE
            assert again.assets[1:] == assets
        if export_format == "png":
            assert again.image is not None


@ROUND_TRIP
@given(card=cards, unknown=unknown_data, extras=root_extras)
def test_a_v2_import_round_trips_too(card, unknown, extras):
    v2 = read_card(
        data=write_card(first_import(card, unknown, extras).card, format="v2"), filename="card.json"
    )
    for export_format in EXPORT_FORMATS:
        again = read_card(data=write_card(v2.card, format=export_format, image=IMAGE), filename="exported")
        assert again.card == v2.card, export_format


def test_sillytavern_png_card_round_trips_through_every_format():
    book = {
        "name": "World",
        "extensions": {"x": 1},
        "entries": [{"keys": ["a"], "content": "A", "x_kept": 2}],
    }
    original = read_card(data=card_png(text_chunk("chara", v2_card(character_book=book))), filename="st.png")
    for export_format in EXPORT_FORMATS:
        exported = write_card(original.card, format=export_format, image=original.image)
        again = read_card(data=exported, filename="exported")
        assert again.card == original.card, export_format
        assert again.card["root_extras"]["chat"] == "Seraphina - 2024-5-1 @12h 00m 00s 000ms"
        assert again.card["character_book"]["entries"][0]["x_kept"] == 2


def test_risu_charx_round_trips_with_its_assets():
    original = read_card(data=risu_charx(), filename="risu.charx")
    exported = write_card(original.card, format="charx", image=original.image, assets=original.assets)
    again = read_card(data=exported, filename="again.charx")
    assert again.card == original.card
    assert again.assets == original.assets
    assert again.image == original.image
    assert again.warnings == []
