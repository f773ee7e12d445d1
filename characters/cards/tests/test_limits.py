"""Files the reader refuses before or while parsing, each with a message naming the problem."""

import json

import pytest

from characters.cards import CardError, CardLimits, read_card


def error_of(data: bytes, filename="card.json", **options) -> str:
    with pytest.raises(CardError) as caught:
        read_card(data=data, filename=filename, **options)
    return str(caught.value)


def test_empty_file():
    assert error_of(b"  \n") == "The file is empty."


def test_file_of_another_kind():
    assert error_of(b"hello there", filename="notes.txt") == (
        "The file is not a character card: upload a card PNG, a card JSON file or a CHARX file."
    )


def test_json_file_over_the_card_limit():
    data = json.dumps({"name": "Big", "description": "x" * 3000}).encode()
    message = error_of(data, limits=CardLimits(max_card_bytes=2000))
    assert message.startswith("The card in the file is ") and message.endswith(
        "at most 2,000 bytes is allowed."
    )


def test_file_over_the_size_limit():
    data = json.dumps({"name": "Big", "description": "x" * 3000}).encode()
    assert error_of(data, limits=CardLimits(max_file_bytes=100)).endswith("at most 100 bytes is allowed.")


def test_json_nested_too_deep():
    deep = '{"name": "Deep", "extensions": ' + "[" * 100 + "]" * 100 + "}"
    assert error_of(deep.encode()).startswith(
        "The JSON in the file cannot be read: The JSON is nested deeper than 32"
    )


def test_nul_character():
    message = error_of(json.dumps({"name": "N\u0000ul"}).encode())
    assert message == "The JSON in the file cannot be read: The text contains a NUL character at $.name."


def test_unpaired_surrogate():
    message = error_of(b'{"name": "bad \\ud800 text"}')
    assert (
        message
        == "The JSON in the file cannot be read: The text contains an unpaired surrogate (U+D800) at $.name."
    )


def test_not_finite_number():
    assert "NaN is not allowed" in error_of(b'{"name": "x", "creation_date": NaN}')


def test_invalid_utf8():
    assert error_of(b'{"name": "\xff"}').startswith(
        "The JSON in the file cannot be read: The JSON is not valid UTF-8"
    )


def test_json_that_is_not_an_object():
    assert error_of(b'["name"]') == (
        "The JSON in the file is not a character card (it is not an object with fields)."
    )


def test_lorebook_is_not_a_card():
    document = {"spec": "lorebook_v3", "data": {"entries": []}}
    assert (
        error_of(json.dumps(document).encode())
        == "The JSON in the file is a lorebook (lorebook_v3), not a character card."
    )


def test_card_without_a_name():
    assert error_of(json.dumps({"description": "nameless"}).encode()) == "The card has no name."


def test_jpeg_named_png_is_called_a_jpeg():
    from characters.cards.tests.builders import picture

    assert error_of(picture(format="JPEG"), filename="card.png").startswith("The file is a JPEG image, not a")


def test_damaged_file_named_png_is_called_a_corrupt_png():
    assert error_of(b"\x89PNG\r\n\x00garbage", filename="card.png") == (
        "The PNG is corrupt: it does not start with the PNG signature."
    )


def test_dates_outside_any_calendar_are_dropped():
    document = {
        "spec": "chara_card_v3",
        "data": {"name": "T", "creation_date": 10**40, "modification_date": "0001-01-01"},
    }
    result = read_card(data=json.dumps(document).encode(), filename="card.json")
    assert result.card["creation_date"] is None
    assert (
        result.warnings[0]
        == "The field data.creation_date is not a date between the years 1 and 9999; it was dropped."
    )
    assert result.card["modification_date"] == -62135596800


def test_endless_numbers_written_as_text_are_not_numbers():
    document = {"spec": "chara_card_v3", "data": {"name": "T", "creation_date": "9" * 5000}}
    result = read_card(data=json.dumps(document).encode(), filename="card.json")
    assert result.card["creation_date"] is None
    assert any("creation_date" in warning and "is not a date" in warning for warning in result.warnings)
