"""Whatever damage a file has, reading it ends in a card or a CardError with a sentence, never another
exception (which the characters app would answer with a 500)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from characters.cards import CardAsset, CardError, read_card, write_card
from characters.cards.tests.builders import picture, v3_card

CARD = read_card(data=json.dumps(v3_card()).encode(), filename="card.json").card
ASSETS = [CardAsset(name="forest", type="background", ext="png", data=picture("green"))]
GOOD_FILES = {
    "card.json": write_card(CARD, format="v3"),
    "card.png": write_card(CARD, format="png", image=picture()),
    "card.charx": write_card(CARD, format="charx", image=picture(), assets=ASSETS),
}


def read_or_refuse(data: bytes, filename: str) -> None:
    try:
        result = read_card(data=data, filename=filename)
    except CardError as error:
        assert str(error).endswith(".") and len(str(error)) < 400
    else:
        assert result.card["name"].strip()


@settings(max_examples=150, deadline=None)
@given(
    filename=st.sampled_from(sorted(GOOD_FILES)),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=4),
    cut=st.none() | st.floats(0, 1),
)
def test_damaged_cards_are_read_or_refused_in_words(filename, flips, cut):
    data = bytearray(GOOD_FILES[filename])
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    if cut is not None:
        data = data[: int(cut * len(data))]
    read_or_refuse(bytes(data), filename)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=200), filename=st.sampled_from(["x.png", "x.json", "x.charx", "x"]))
def test_random_bytes_are_refused_in_words(data, filename):
    read_or_refuse(data, filename)


@settings(max_examples=100, deadline=None)
@given(
    value=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=12,
    ),
    key=st.sampled_from([*CARD, "data", "spec", "spec_version"]),
)
def test_any_json_value_in_any_field_is_read_or_refused(value, key):
    document = v3_card()
    if key in ("data", "spec", "spec_version"):
        document[key] = value
    else:
        document["data"][key] = value
    try:
        encoded = json.dumps(document).encode("utf-8")
    except UnicodeEncodeError:
        encoded = json.dumps(document).encode("utf-8")  # json escapes surrogates; the reader refuses them
    read_or_refuse(encoded, "card.json")


def test_a_charx_whose_directory_claims_an_unknown_zip_version_is_refused_in_words():
    """zipfile raises NotImplementedError, not BadZipFile, when an entry needs a later zip version."""
    data = bytearray(GOOD_FILES["card.charx"])
    directory = data.index(b"PK\x01\x02")  # the first central directory entry
    data[directory + 6] = 84  # "version needed to extract": 8.4

    read_or_refuse(bytes(data), "card.charx")
