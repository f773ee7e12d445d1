"""Requests that race: one primary image whatever the order, one character per name, clear errors."""

import pytest
from django.core.exceptions import ValidationError

from characters.models import CharacterProfile
from characters.services import character_create, reference_image_set_primary
from characters.tests.factories import make_character
from core.testing.databases import needs_postgresql
from persona.tests.test_races import run_at_once

# Concurrency is tested on PostgreSQL: SQLite writes one at a time.
pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_two_primary_switches_at_once_leave_exactly_one_primary(alice):
    character = make_character(alice, images=3)
    _first, second, third = character.images.order_by("order")
    results = run_at_once(
        lambda: reference_image_set_primary(image=second, actor=alice),
        lambda: reference_image_set_primary(image=third, actor=alice),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert character.images.filter(is_primary=True).count() == 1


def test_two_characters_of_one_name_at_once_one_wins_the_other_hears_why(alice, bob):
    results = run_at_once(
        lambda: character_create(actor=alice, name="Twin Star"),
        lambda: character_create(actor=bob, name="TWIN STAR"),
    )
    assert CharacterProfile.objects.filter(name__iexact="twin star").count() == 1
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "name" in errors[0].message_dict
