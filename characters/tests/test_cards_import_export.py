"""Import and export at the model level: the mapping, tags, the image, the original file, the round
trip, and nothing half-imported."""

import json

import pytest
from django.core.exceptions import ValidationError

from characters.cards import read_card
from characters.models import CharacterProfile, Tag
from characters.services import character_export, character_import, tag_create
from characters.services.cards import TagMode
from characters.tests.cards import charx_card, json_bytes, png_card, v2_card, v3_card, ztxt_png_card
from persona.models import Persona

pytestmark = pytest.mark.django_db


def test_a_v2_json_card_maps_onto_the_character(alice):
    result = character_import(actor=alice, data=json_bytes(v2_card()), filename="sera.json")
    character = result.character
    assert character.name == "Seraphina"
    assert character.greeting == "*She smiles.* Welcome, traveller."
    assert character.example_messages.startswith("<START>")
    assert character.post_history_instructions == "Stay in character."
    assert character.alternate_greetings == ["Oh, hello again."]
    assert character.card_extra["extensions"]["depth_prompt"]["depth"] == 4
    assert character.card_extra["character_book"]["entries"][0]["content"] == "The glade is sacred."
    assert not character.is_public
    assert character.card_file.name.endswith(".json")
    assert json.loads(character.card_file.read()) == v2_card()


def test_a_png_card_brings_its_image_as_the_primary_reference_image(alice):
    result = character_import(actor=alice, data=png_card(v2_card()), filename="sera.png")
    primary = result.character.images.get(is_primary=True)
    assert (primary.width, primary.height) == (96, 128)
    assert primary.alt_text == "Portrait of Seraphina"


def test_v3_ccv3_chunk_and_charx_and_ztxt_are_read(alice):
    v3 = character_import(actor=alice, data=png_card(v3_card(name="Vee")), filename="v.png").character
    assert (v3.nickname, v3.group_only_greetings, v3.card_created_at) == (
        "Sera",
        ["Hello, everyone."],
        1700000000,
    )
    assert v3.card_extra["x_unknown_key"] == {"kept": True}
    charx = character_import(actor=alice, data=charx_card(v3_card(name="Zed")), filename="z.charx").character
    assert charx.images.get(is_primary=True).width == 80
    ztxt = character_import(actor=alice, data=ztxt_png_card(v2_card(name="Zee")), filename="z.png").character
    assert ztxt.greeting.startswith("*She smiles.*")


def test_a_v1_card_with_flat_fields_is_read(alice):
    v1 = {
        "name": "Old One",
        "description": "Flat.",
        "personality": "",
        "scenario": "",
        "first_mes": "Hi.",
        "mes_example": "",
    }
    character = character_import(actor=alice, data=json_bytes(v1), filename="old.json").character
    assert (character.name, character.greeting) == ("Old One", "Hi.")


def test_tags_all_existing_or_none_matched_whatever_their_case(alice):
    tag_create(actor=alice, name="fantasy")
    only = character_import(
        actor=alice, data=json_bytes(v2_card(name="A1")), filename="a.json", tag_mode=TagMode.EXISTING
    )
    assert [t.name for t in only.character.tags.all()] == ["fantasy"]
    assert any("Guardian" in w for w in only.warnings)
    none = character_import(
        actor=alice, data=json_bytes(v2_card(name="A2")), filename="a.json", tag_mode=TagMode.NONE
    )
    assert not none.character.tags.exists()
    every = character_import(actor=alice, data=json_bytes(v2_card(name="A3")), filename="a.json")
    assert sorted(t.name for t in every.character.tags.all()) == ["Guardian", "fantasy"]
    assert Tag.objects.filter(name__iexact="fantasy").count() == 1


def test_a_taken_name_gets_a_number_and_a_warning(alice, bob):
    character_import(actor=alice, data=json_bytes(v2_card()), filename="a.json")
    second = character_import(actor=bob, data=json_bytes(v2_card()), filename="a.json")
    assert second.character.name == "Seraphina (2)"
    assert any("exists already" in w for w in second.warnings)


@pytest.mark.parametrize(
    "data",
    [
        b"not a card at all",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        json.dumps({"spec": "chara_card_v2"}).encode(),
        b'{"name": ',
    ],
    ids=["text", "corrupt-png", "no-data", "broken-json"],
)
def test_a_bad_file_is_refused_naming_the_problem_and_nothing_is_left(alice, data):
    with pytest.raises(ValidationError) as error:
        character_import(actor=alice, data=data, filename="bad.json")
    assert error.value.message_dict["file"][0]
    assert not CharacterProfile.objects.exists()


def test_a_file_over_the_limit_is_refused(alice, settings):
    settings.CHARACTERS_CARD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="larger than"):
        character_import(actor=alice, data=json_bytes(v2_card()), filename="big.json")


def test_a_failing_persona_leaves_no_character_behind(alice):
    from persona.services import persona_create

    persona_create(owner=alice, name="Seraphina", description="Taken.")
    with pytest.raises(ValidationError) as error:
        character_import(actor=alice, data=json_bytes(v2_card()), filename="a.json", make_persona=True)
    assert "make_persona" in error.value.message_dict
    assert not CharacterProfile.objects.exists()


def test_import_with_a_persona_prefills_it_from_the_card(alice):
    result = character_import(actor=alice, data=png_card(v2_card()), filename="a.png", make_persona=True)
    persona = Persona.objects.get(pk=result.persona.pk)
    assert persona.greeting == "*She smiles.* Welcome, traveller."
    assert persona.system_prompt == "You are Seraphina."
    assert persona.image
    assert persona.character_link.character == result.character


ROUND_TRIP_CARDS = [
    v2_card(),
    v3_card(name="Round V3"),
    v3_card(name="Ünïcødé ☃", description="", character_book=None, alternate_greetings=[], tags=[]),
    v2_card(name="Nested", extensions={"a": {"b": [1, 2, {"c": None}]}, "risuai": {"x": "y"}}),
]


@pytest.mark.parametrize("card", ROUND_TRIP_CARDS, ids=["v2", "v3", "sparse", "nested-extensions"])
@pytest.mark.parametrize("card_format", ["v2", "v3", "charx", "png"])
def test_import_export_import_gives_the_same_data(alice, card, card_format):
    first = character_import(actor=alice, data=png_card(card), filename="one.png").character
    exported, filename, _type = character_export(character=first, actor=alice, format=card_format)
    again = read_card(data=exported, filename=filename).card
    original = read_card(data=png_card(card), filename="one.png").card
    if card_format == "v2":  # V2 has no place for V3-only fields
        v3_only = {
            "group_only_greetings",
            "nickname",
            "source",
            "creation_date",
            "modification_date",
            "assets",
        }
        original = {k: v for k, v in original.items() if k not in v3_only}
        again = {k: v for k, v in again.items() if k not in v3_only}
    original.pop("assets", None), again.pop("assets", None)
    assert again == original


def test_png_export_needs_a_primary_image(alice):
    character = character_import(actor=alice, data=json_bytes(v2_card()), filename="a.json").character
    with pytest.raises(ValidationError, match="primary reference image"):
        character_export(character=character, actor=alice, format="png")


def test_a_forks_export_carries_its_origin_in_source(alice, bob):
    from characters.services import character_fork, character_update

    original = character_import(actor=alice, data=png_card(v3_card()), filename="a.png").character
    original = character_update(character=original, actor=alice, is_public=True)
    fork = character_fork(character=original, actor=bob, name="Sera Fork")
    exported, filename, _ = character_export(character=fork, actor=bob, format="v3")
    assert f"yayay:character:{original.slug}" in read_card(data=exported, filename=filename).card["source"]


def test_a_card_with_a_large_lorebook_imports_and_exports_whole(alice):
    """Real lorebooks run to hundreds of kilobytes, far past the 64 KB of an ordinary JSON field."""
    entry = {"keys": ["glade"], "content": "Lore. " * 100, "extensions": {}, "enabled": True}
    book = {"name": "Big lore", "extensions": {}, "entries": [{**entry, "id": n} for n in range(300)]}
    card = v2_card(character_book=book)
    assert len(json_bytes(card)) > 150_000

    character = character_import(actor=alice, data=json_bytes(card), filename="big.json").character

    assert len(character.card_extra["character_book"]["entries"]) == 300
    data, _, _ = character_export(character=character, actor=alice, format="v3")
    exported = read_card(data=data, filename="big.json")
    assert exported.card["character_book"]["entries"][299]["content"] == entry["content"]
