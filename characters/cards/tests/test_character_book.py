"""The character book (lorebook): entries normalized, unknown keys in book and entries kept."""

import json

from characters.cards import read_card
from characters.cards.tests.builders import v3_card


def read(document):
    return read_card(data=json.dumps(document).encode("utf-8"), filename="card.json")


def book(**overrides):
    return {
        "name": "World",
        "scan_depth": 4,
        "token_budget": 512,
        "recursive_scanning": False,
        "extensions": {"risu_fullWordMatching": True},
        "x_book_key": "kept",
        "entries": [
            {
                "keys": ["forest", "glade"],
                "content": "The forest is old.",
                "extensions": {"position": 0, "probability": 100},
                "enabled": True,
                "insertion_order": 100,
                "use_regex": False,
                "constant": False,
                "id": 0,
                "comment": "forest",
                "x_entry_key": [1],
            }
        ],
        **overrides,
    }


def test_book_and_entries_keep_every_key():
    result = read(v3_card(character_book=book()))
    read_book = result.card["character_book"]
    assert read_book["x_book_key"] == "kept"
    assert read_book["extensions"] == {"risu_fullWordMatching": True}
    entry = read_book["entries"][0]
    assert entry["x_entry_key"] == [1]
    assert entry["extensions"] == {"position": 0, "probability": 100}
    assert entry["keys"] == ["forest", "glade"]
    assert result.warnings == []


def test_entry_defaults_are_filled():
    result = read(v3_card(character_book={"entries": [{"keys": ["k"], "content": "c"}]}))
    entry = result.card["character_book"]["entries"][0]
    assert entry == {
        "keys": ["k"],
        "content": "c",
        "extensions": {},
        "enabled": True,
        "insertion_order": 0,
        "use_regex": False,
    }
    assert result.card["character_book"]["extensions"] == {}
    assert result.warnings == []


def test_entry_oddities_are_fixed_with_warnings():
    entry = {
        "keys": "a, b",
        "content": None,
        "enabled": "false",
        "insertion_order": "10",
        "priority": "x",
        "secondary_keys": "c",
        "position": 1,
        "id": True,
        "extensions": None,
    }
    result = read(v3_card(character_book=book(entries=[entry, "junk"], scan_depth="8")))
    fixed = result.card["character_book"]
    read_entry = fixed["entries"][0]
    assert fixed["scan_depth"] == 8
    assert read_entry["keys"] == ["a", "b"]
    assert read_entry["content"] == ""
    assert read_entry["enabled"] is False
    assert read_entry["insertion_order"] == 10
    assert "priority" not in read_entry and "id" not in read_entry
    assert read_entry["secondary_keys"] == ["c"]
    assert read_entry["position"] == "after_char"
    assert read_entry["extensions"] == {}
    assert len(fixed["entries"]) == 1
    entry_warnings = (
        "enabled was text, not true or false; it was read as false.",
        "insertion_order was a number written as text; it was read as a number.",
        "priority was text, not a number; it was dropped.",
        "id was neither a number nor text; it was dropped.",
        "position was the number 1; it was read as after_char.",
    )
    for expected in entry_warnings:
        assert f"The field data.character_book.entries[0].{expected}" in result.warnings
    for expected in (
        "The field data.character_book.entries[1] was not an object; it was dropped.",
        "The field data.character_book.scan_depth was a number written as text; it was read as a number.",
    ):
        assert expected in result.warnings


def test_sillytavern_world_info_entries_keyed_by_uid_become_a_list():
    entries = {"0": {"keys": ["a"], "content": "A"}, "1": {"keys": ["b"], "content": "B"}}
    result = read(v3_card(character_book={"entries": entries}))
    assert [entry["content"] for entry in result.card["character_book"]["entries"]] == ["A", "B"]
    assert any("was an object keyed by entry" in warning for warning in result.warnings)


def test_book_given_as_a_bare_list_of_entries():
    result = read(v3_card(character_book=[{"keys": ["a"], "content": "A"}]))
    assert result.card["character_book"]["entries"][0]["content"] == "A"
    assert any("was a list of entries, not a book" in warning for warning in result.warnings)


def test_book_of_the_wrong_type_is_dropped():
    result = read(v3_card(character_book="none"))
    assert result.card["character_book"] is None
    assert (
        "The field data.character_book was not an object; the character book was dropped." in result.warnings
    )


def test_a_fix_repeated_in_every_entry_is_one_warning():
    entries = [{"keys": ["k"], "content": "c", "enabled": "true"} for _ in range(300)]
    result = read(v3_card(character_book={"entries": entries}))
    assert all(entry["enabled"] is True for entry in result.card["character_book"]["entries"])
    assert result.warnings == [
        "The field data.character_book.entries[*].enabled was text, not true or false; it was read as true "
        "(300 times)."
    ]
