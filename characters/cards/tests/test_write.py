"""Export shapes: what V2, V3, CHARX and PNG files hold, as other tools will read them."""

import base64
import json
import zipfile
from io import BytesIO

import pytest
from PIL import Image

from characters.cards import CardAsset, CardError, read_card, write_card
from characters.cards.tests.builders import picture, split_chunks, v3_card


@pytest.fixture
def card():
    return read_card(data=json.dumps(v3_card()).encode(), filename="card.json").card


def png_texts(png: bytes) -> dict[str, dict]:
    texts = {}
    for raw in split_chunks(png):
        if raw[4:8] == b"tEXt":
            keyword, _, text = raw[8:-4].partition(b"\0")
            texts[keyword.decode()] = json.loads(base64.b64decode(text))
    return texts


def test_v2_json_has_spec_data_and_v1_mirrors(card):
    document = json.loads(write_card(card, format="v2"))
    assert (document["spec"], document["spec_version"]) == ("chara_card_v2", "2.0")
    assert document["name"] == document["data"]["name"] == "Seraphina"
    assert document["first_mes"] == document["data"]["first_mes"]
    assert document["data"]["alternate_greetings"] == ["Hi there."]
    # V3-only fields stay in data, as SillyTavern's own V2 chunk keeps them.
    assert document["data"]["group_only_greetings"] == ["Hello, everyone."]
    assert "character_book" not in document["data"]


def test_v3_json_shape(card):
    document = json.loads(write_card(card, format="v3"))
    assert (document["spec"], document["spec_version"]) == ("chara_card_v3", "3.0")
    assert "name" not in document
    assert document["data"]["nickname"] == "Sera"
    assert document["data"]["creation_date"] == 1714560000


def test_root_extras_go_back_to_the_root_but_never_over_the_structure(card):
    card["root_extras"] = {"avatar": "none", "spec": "hijack", "data": "hijack", "name": "hijack"}
    document = json.loads(write_card(card, format="v2"))
    assert document["avatar"] == "none"
    assert document["spec"] == "chara_card_v2"
    assert document["name"] == "Seraphina" and isinstance(document["data"], dict)


def test_png_carries_both_chunks_and_stays_a_picture(card):
    png = write_card(card, format="png", image=picture("red", format="JPEG"))
    with Image.open(BytesIO(png)) as image:
        assert (image.format, image.size) == ("PNG", (16, 16))
    texts = png_texts(png)
    assert texts["chara"]["spec"] == "chara_card_v2"
    assert texts["ccv3"]["spec"] == "chara_card_v3"
    assert texts["chara"]["data"]["name"] == texts["ccv3"]["data"]["name"] == "Seraphina"
    assert texts["ccv3"]["data"]["creator_notes"] == "<b>Made with care</b>"
    assert texts["chara"]["data"]["creator_notes"].startswith("This character card is Character Card V3, but")
    assert texts["chara"]["data"]["creator_notes"].endswith("properly.\n\n<b>Made with care</b>")


def test_png_export_replaces_old_card_chunks_of_the_image(card):
    old_card_png = write_card({"name": "Old"}, format="png", image=picture())
    png = write_card(card, format="png", image=old_card_png)
    assert [raw[4:8] for raw in split_chunks(png)].count(b"tEXt") == 2
    assert read_card(data=png, filename="x.png").card["name"] == "Seraphina"


def test_charx_layout(card):
    extra = CardAsset(name="forest night", type="background", ext="webp", data=b"webp-bytes")
    charx = write_card(card, format="charx", image=picture(), assets=[extra])
    with zipfile.ZipFile(BytesIO(charx)) as archive:
        names = archive.namelist()
        document = json.loads(archive.read("card.json"))
        assert archive.read("assets/background/images/forest_night.webp") == b"webp-bytes"
    assert names == ["card.json", "assets/icon/images/main.png", "assets/background/images/forest_night.webp"]
    assert document["data"]["assets"] == [
        {"type": "icon", "uri": "embeded://assets/icon/images/main.png", "name": "main", "ext": "png"},
        {
            "type": "background",
            "uri": "embeded://assets/background/images/forest_night.webp",
            "name": "forest night",
            "ext": "webp",
        },
    ]


def test_charx_image_replaces_the_main_icon_and_clashing_names_are_kept_apart(card):
    old_icon = CardAsset(name="main", type="icon", ext="png", data=picture("blue"))
    twins = [CardAsset(name="a", type="emotion", ext="png", data=bytes([n])) for n in (1, 2)]
    image = picture("red", format="JPEG")
    result = read_card(
        data=write_card(card, format="charx", image=image, assets=[*twins, old_icon]), filename="c"
    )
    assert result.image == image
    assert [(asset.name, asset.ext, asset.data) for asset in result.assets] == [
        ("a", "png", b"\1"),
        ("a", "png", b"\2"),
        ("main", "jpeg", image),
    ]


def test_a_partial_card_is_enough(card):
    document = json.loads(write_card({"name": "Just a name"}, format="v3"))
    assert document["data"]["description"] == "" and document["data"]["tags"] == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"format": "yaml"}, '"yaml" is not a card format; use one of v2, v3, charx, png.'),
        ({"format": "png"}, "A PNG card needs an image to carry it."),
        (
            {"format": "png", "image": b"not an image"},
            "The card's image cannot be used: The file is not a readable image",
        ),
    ],
)
def test_bad_export_requests(card, arguments, message):
    with pytest.raises(CardError) as caught:
        write_card(card, **arguments)
    assert str(caught.value).startswith(message)


def test_a_card_without_a_name_is_not_written():
    with pytest.raises(CardError, match=r"^The card has no name\.$"):
        write_card({"name": "  "}, format="v3")
