import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insights.models import ResearchProfile
from insights.services.profiles import research_profile_save
from insights.tests.factories import ResearchProfileFactory
from persona.services import persona_fork
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_owner_creates_and_edits_profile_with_history(alice):
    persona = PersonaFactory(owner=alice)
    research_profile_save(persona=persona, actor=alice, age=41, occupation="Nurse", values=[" care ", "time"])
    profile = research_profile_save(persona=persona, actor=alice, age=42)
    assert (profile.age, profile.occupation, profile.values) == (42, "Nurse", ["care", "time"])
    assert [h.age for h in profile.history.order_by("history_date")] == [41, 42]


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"age": 121}, "age"),
        ({"openness": 1.2}, "openness"),
        ({"indulgence": -0.1}, "indulgence"),
        ({"education_level": "kindergarten"}, "education_level"),
        ({"values": ["a", "A"]}, "values"),
        ({"interests": "cycling"}, "interests"),
        ({"context": [1, 2]}, "context"),
        ({"context": {"bad": "\x00"}}, "context"),
    ],
)
def test_invalid_values_are_refused_naming_the_field(alice, fields, bad_field):
    persona = PersonaFactory(owner=alice)
    with pytest.raises(ValidationError) as error:
        research_profile_save(persona=persona, actor=alice, **fields)
    assert bad_field in error.value.message_dict
    assert not ResearchProfile.objects.filter(persona=persona).exists()


def test_stranger_cannot_edit(alice, bob):
    persona = PersonaFactory(owner=alice)
    with pytest.raises(PermissionDenied):
        research_profile_save(persona=persona, actor=bob, age=30)


def test_fork_copies_the_profile(alice, bob):
    profile = ResearchProfileFactory(persona=PersonaFactory(owner=alice))
    fork = persona_fork(persona=profile.persona, actor=bob)
    copy = ResearchProfile.objects.get(persona=fork)
    assert copy.pk != profile.pk
    assert (copy.age, copy.big_five, copy.values, copy.context) == (
        profile.age,
        profile.big_five,
        profile.values,
        profile.context,
    )


def test_absent_lists_and_context_are_stored_empty(alice):
    profile = research_profile_save(
        persona=PersonaFactory(owner=alice), actor=alice, values=None, interests=None, context=None
    )
    profile.refresh_from_db()
    assert (profile.values, profile.interests, profile.context) == ([], [], {})
