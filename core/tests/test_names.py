"""core.names: how display names are normalized, refused and compared by how they look."""

import pytest
from django.core.exceptions import ValidationError

from core.names import name_key, name_normalize, name_shape_key, validate_name_characters


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Nova  ", "Nova"),
        ("Nova\u00a0Prime", "Nova Prime"),
        ("Ｎｏｖａ", "Nova"),
        ("𝐍𝐨𝐯𝐚", "Nova"),
        ("A  B", "A B"),
    ],
)
def test_names_are_normalized_to_plain_single_spaced_text(typed, stored):
    assert name_normalize(typed) == stored


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("No\u200bva", "U+200B ZERO WIDTH SPACE"),
        ("Nova\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Nova\u2066x\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u3164Nova", "U+3164 HANGUL FILLER"),
        ("Nova\nevent=x", "U+000A"),
        ("Nova\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("Nova\ue000", "U+E000"),
    ],
)
def test_invisible_and_control_characters_are_refused_by_name(name, found):
    with pytest.raises(ValidationError) as error:
        validate_name_characters(name)

    assert found in error.value.messages[0]


def test_letters_with_a_few_accents_pass_and_stacks_of_them_do_not():
    validate_name_characters("Zoë Ångström")

    with pytest.raises(ValidationError):
        validate_name_characters("Zo" + "\u0308" * 5)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Nova", "NOVA"),
        ("Nova", "Nоvа"),  # Cyrillic о and а
        ("Chef Basil", "Chef Basіl"),  # Cyrillic і
        ("paul", "pau1"),
        ("Mu", "Mս"),  # Armenian ս
        ("Ｎｏｖａ", "nova"),
    ],
)
def test_look_alike_names_share_their_key(first, second):
    assert name_key(first) == name_key(second)


def test_a_capital_i_for_a_small_l_shares_the_shape_key():
    assert name_shape_key("PauI") == name_shape_key("Paul")
    assert name_key("PauI") != name_key("Paul")


@pytest.mark.parametrize(("first", "second"), [("Lia", "Ila"), ("Café", "Cafe"), ("Nova", "Nova Prime")])
def test_names_that_look_different_do_not_clash(first, second):
    assert name_key(first) != name_key(second)
    assert name_shape_key(first) != name_shape_key(second)
