"""The tier a persona card shows agrees with the standings panel's headline tier."""

import pytest

from metrics.selectors import headline_tier, persona_headline_tiers, persona_standings
from metrics.tiers import Tier
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_card_tiers_are_the_headline_tiers(graduate, alice):
    graduated, beginner = graduate(owner=alice), PersonaFactory(owner=alice)
    tiers = persona_headline_tiers(persona_ids=[graduated.pk, beginner.pk])
    assert tiers == {
        persona.pk: headline_tier(persona_standings(persona=persona)) for persona in (graduated, beginner)
    }
    assert tiers[graduated.pk] == Tier.PAPER and tiers[beginner.pk] == Tier.STONE
