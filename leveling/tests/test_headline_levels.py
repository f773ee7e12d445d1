"""The level a persona card shows agrees with the progress page's attribute levels."""

import pytest

from leveling.models import Skill
from leveling.selectors import persona_attribute_levels, persona_headline_levels
from leveling.services.progress import persona_skill_xp_add
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_the_card_level_is_the_best_attribute_level_of_the_progress_page(alice):
    grown, fresh = PersonaFactory(owner=alice), PersonaFactory(owner=alice)
    skills = list(Skill.objects.order_by("pk")[:2])
    persona_skill_xp_add(persona=grown, awards=[(skills[0].pk, 5000), (skills[1].pk, 800)], reason="test")
    levels = persona_headline_levels(persona_ids=[grown.pk, fresh.pk])
    expected = max(entry["level"] for entry in persona_attribute_levels(persona=grown))
    assert levels == {grown.pk: expected, fresh.pk: 1}
    assert expected > 1
