"""Card JSON as V1, V2 and V3, and every tolerated oddity, each with the warning a person will read."""

import json

from characters.cards import read_card
from characters.cards.tests.builders import v2_card, v3_card


def read(document, filename="card.json"):
    return read_card(data=json.dumps(document).encode("utf-8"), filename=filename)


def test_v1_flat_fields_are_read_and_extra_root_keys_kept():
    result = read(
        {
            "name": "Aqua",
            "description": "Goddess",
            "personality": "loud",
            "scenario": "Axel",
            "first_mes": "Hi!",
            "mes_example": "<START>",
            "avatar": "none",
            "chat": "Aqua - 1",
        }
    )
    assert result.source_spec == "v1"
    assert result.spec_version == "1.0"
    assert result.card["name"] == "Aqua"
    assert result.card["first_mes"] == "Hi!"
    assert result.card["alternate_greetings"] == []
    assert result.card["character_book"] is None
    assert result.card["root_extras"] == {"avatar": "none", "chat": "Aqua - 1"}
    assert result.warnings == []


def test_v1_sillytavern_creatorcomment_becomes_creator_notes():
    result = read({"name": "Aqua", "creatorcomment": "Read me"})
    assert result.card["creator_notes"] == "Read me"
    assert "root_extras" not in result.card


def test_pygmalion_field_names_are_mapped_with_a_warning():
    result = read(
        {"char_name": "Bot", "char_persona": "A bot.", "char_greeting": "Beep.", "world_scenario": "Lab"}
    )
    assert (result.card["name"], result.card["description"]) == ("Bot", "A bot.")
    assert (result.card["first_mes"], result.card["scenario"]) == ("Beep.", "Lab")
    assert "The card uses the old field name char_name; it was read as name." in result.warnings


def test_sillytavern_v2_with_matching_root_mirrors_reads_without_warnings():
    result = read(v2_card())
    assert result.source_spec == "v2"
    assert result.spec_version == "2.0"
    assert result.card["name"] == "Seraphina"
    assert result.card["creator_notes"] == "<b>Made with care</b>"
    assert result.card["extensions"]["depth_prompt"] == {"prompt": "", "depth": 4}
    assert result.card["root_extras"] == {
        "avatar": "none",
        "chat": "Seraphina - 2024-5-1 @12h 00m 00s 000ms",
        "talkativeness": "0.5",
        "fav": False,
        "create_date": "2024-5-1 @12h 00m 00s 000ms",
    }
    assert result.warnings == []


def test_v3_fields_are_read():
    result = read(v3_card())
    assert result.source_spec == "v3"
    assert result.card["nickname"] == "Sera"
    assert result.card["group_only_greetings"] == ["Hello, everyone."]
    assert result.card["source"] == ["https://example.org/seraphina"]
    assert (result.card["creation_date"], result.card["modification_date"]) == (1714560000, 1714563600)
    assert result.warnings == []


def test_root_field_that_disagrees_with_data_loses_with_a_warning():
    document = v2_card()
    document["name"] = "Old name"
    result = read(document)
    assert result.card["name"] == "Seraphina"
    assert (
        "The field name at the card's root differs from data.name; the value in data was kept."
        in result.warnings
    )


def test_root_field_missing_from_data_is_taken_from_the_root():
    document = v2_card()
    del document["data"]["scenario"]
    result = read(document)
    assert result.card["scenario"] == "In the glade."
    assert any("The field scenario was only at the card's root" in warning for warning in result.warnings)


def test_missing_optional_fields_get_defaults_silently():
    result = read({"spec": "chara_card_v2", "spec_version": "2.0", "data": {"name": "Min"}})
    card = result.card
    assert card["description"] == "" and card["tags"] == [] and card["extensions"] == {}
    assert card["character_book"] is None and card["creation_date"] is None
    assert result.warnings == []


def test_null_where_an_object_or_text_was_expected():
    result = read(v3_card(extensions=None, character_book=None, description=None, tags=None))
    assert result.card["extensions"] == {}
    assert result.card["character_book"] is None
    assert result.card["description"] == ""
    assert result.card["tags"] == []


def test_data_null_falls_back_to_root_fields():
    result = read({"spec": "chara_card_v2", "data": None, "name": "Rooty", "first_mes": "Hey"})
    assert (result.card["name"], result.card["first_mes"]) == ("Rooty", "Hey")
    assert (
        "The card's data was missing or not an object; the fields at its root were used." in result.warnings
    )


def test_extensions_of_the_wrong_type_are_replaced_with_a_warning():
    result = read(v3_card(extensions="oops"))
    assert result.card["extensions"] == {}
    assert (
        "The field data.extensions was text, not an object; it was replaced by an empty one."
        in result.warnings
    )


def test_text_where_a_list_was_expected():
    result = read(
        v3_card(tags="fantasy, elf ,, magic", alternate_greetings="Hello, traveller.", source="chub:1")
    )
    assert result.card["tags"] == ["fantasy", "elf", "magic"]
    assert result.card["alternate_greetings"] == ["Hello, traveller."]
    assert result.card["source"] == ["chub:1"]
    assert "The field data.tags was text, not a list; it was split at commas into 3 items." in result.warnings
    assert (
        "The field data.alternate_greetings was text, not a list; it became a list of one." in result.warnings
    )


def test_list_items_that_are_not_text_are_converted_or_dropped():
    result = read(v3_card(tags=["a", 2, None, True, {"x": 1}]))
    assert result.card["tags"] == ["a", "2", "true"]
    assert any("data.tags held items that are not text" in warning for warning in result.warnings)


def test_numbers_as_text_and_text_as_numbers():
    result = read(v3_card(character_version=2, creation_date="1714560000", modification_date=1714563600123))
    assert result.card["character_version"] == "2"
    assert result.card["creation_date"] == 1714560000
    assert result.card["modification_date"] == 1714563600
    assert (
        "The field data.character_version was a number, not text; it was turned into text." in result.warnings
    )
    assert (
        "The field data.creation_date was a number written as text; it was read as a number."
        in result.warnings
    )
    assert (
        "The field data.modification_date was in milliseconds; it was converted to seconds."
        in result.warnings
    )


def test_dates_written_as_iso_text_or_nonsense():
    result = read(v3_card(creation_date="2024-05-01T10:40:00Z", modification_date="yesterday"))
    assert result.card["creation_date"] == 1714560000
    assert result.card["modification_date"] is None
    assert 'The field data.modification_date ("yesterday") is not a date; it was dropped.' in result.warnings


def test_newer_spec_version_is_read_with_a_warning():
    document = v3_card(future_field={"x": 1})
    document["spec_version"] = "3.5"
    result = read(document)
    assert result.spec_version == "3.5"
    assert result.card["future_field"] == {"x": 1}
    assert any("newer than the 3.0 this reader knows" in warning for warning in result.warnings)


def test_spec_version_as_a_number():
    document = v3_card()
    document["spec_version"] = 3.0
    result = read(document)
    assert result.spec_version == "3.0"
    assert "The field spec_version was a number, not text; it was turned into text." in result.warnings


def test_unknown_keys_at_root_and_in_data_are_kept():
    document = v3_card(creator_notes_multilingual={"fr": "Bonjour"}, x_custom=[1, 2])
    document["x_root_thing"] = {"kept": True}
    result = read(document)
    assert result.card["creator_notes_multilingual"] == {"fr": "Bonjour"}
    assert result.card["x_custom"] == [1, 2]
    assert result.card["root_extras"] == {"x_root_thing": {"kept": True}}


def test_data_without_spec_is_read_as_v2():
    result = read({"data": {"name": "Specless", "description": "d"}})
    assert result.source_spec == "v2"
    assert "The card has a data object but no spec; it was read as V2." in result.warnings


def test_unknown_spec_with_data_is_read_as_v3():
    result = read({"spec": "chara_card_v4", "spec_version": "4.0", "data": {"name": "Future"}})
    assert result.source_spec == "v3"
    assert result.card["name"] == "Future"
    assert any('spec is "chara_card_v4"' in warning for warning in result.warnings)


def test_byte_order_mark_is_ignored():
    result = read_card(data=b"\xef\xbb\xbf" + json.dumps({"name": "Bom"}).encode(), filename="bom.json")
    assert result.card["name"] == "Bom"
    assert "The JSON in the file started with a byte order mark; it was ignored." in result.warnings


def test_html_and_unicode_text_is_kept_exactly():
    notes = '<script>alert("x")</script><img src=x onerror=alert(1)> 漢字 🐉 \u200d'
    result = read(v3_card(creator_notes=notes, first_mes="**bold** <i>hi</i>"))
    assert result.card["creator_notes"] == notes
    assert result.card["first_mes"] == "**bold** <i>hi</i>"
