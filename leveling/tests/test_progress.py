import pytest

from leveling import achievements as codes
from leveling.models import (
    Attribute,
    PersonaAchievement,
    PersonaQuestProgress,
    PersonaSkill,
    Quest,
    Skill,
    TutorialProgress,
    TutorialTier,
    XpEvent,
)
from leveling.selectors import persona_attribute_levels, persona_quests, persona_total_points
from leveling.services import achievements_award, persona_skill_xp_add, progress_record_answer
from leveling.signals import persona_progressed
from leveling.xp import xp_for_level
from persona.services import persona_fork
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def skill(slug):
    return Skill.objects.get(slug=slug)


def levels(persona):
    return dict(PersonaSkill.objects.filter(persona=persona).values_list("skill__slug", "level"))


def tiers(persona):
    return dict(TutorialProgress.objects.filter(persona=persona).values_list("attribute__slug", "tier"))


def test_four_attributes_with_three_skills_each_exist():
    assert list(Attribute.objects.values_list("name", flat=True)) == [
        "Cognition",
        "Mastery",
        "Communication",
        "Versatility",
    ]
    assert all(attribute.skills.count() >= 3 for attribute in Attribute.objects.all())


def test_a_new_persona_starts_every_skill_at_level_1_and_every_attribute_at_t10(alice):
    persona = PersonaFactory(owner=alice)
    assert set(levels(persona).values()) == {1}
    assert len(levels(persona)) == Skill.objects.count()
    assert set(tiers(persona).values()) == {TutorialTier.STONE}
    assert PersonaQuestProgress.objects.filter(persona=persona).count() == Attribute.objects.count()


def test_xp_raises_the_level_and_announces_the_change(alice):
    persona = PersonaFactory(owner=alice)
    received = []
    persona_progressed.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="test-progressed")
    try:
        changes = persona_skill_xp_add(
            persona=persona, awards=[(skill("reasoning").pk, xp_for_level(10))], reason="test"
        )
    finally:
        persona_progressed.disconnect(dispatch_uid="test-progressed")
    assert changes == [{"skill": skill("reasoning").pk, "xp_gained": 1154, "old_level": 1, "new_level": 10}]
    assert received[0]["changes"] == changes and received[0]["persona"] == persona
    assert levels(persona)["reasoning"] == 10
    assert XpEvent.objects.get(persona=persona).xp == 1154
    assert PersonaAchievement.objects.filter(persona=persona, achievement__code="skill-level-10").exists()


def test_attribute_level_follows_its_skills(alice):
    persona = PersonaFactory(owner=alice)
    awards = [(skill(slug).pk, xp_for_level(10)) for slug in ("reasoning", "problem-solving")]
    persona_skill_xp_add(persona=persona, awards=awards, reason="test")
    cognition = persona_attribute_levels(persona=persona)[0]
    assert cognition["attribute"].slug == "cognition"
    assert cognition["level"] == (10 + 10 + 1) // 3


def test_achievements_are_awarded_once(alice):
    persona = PersonaFactory(owner=alice)
    assert [a.code for a in achievements_award(persona=persona, codes={codes.FIRST_ANSWER})] == [
        "first-answer"
    ]
    assert achievements_award(persona=persona, codes={codes.FIRST_ANSWER}) == []
    progress_record_answer(persona=persona, skills=[skill("reasoning")])
    assert PersonaAchievement.objects.filter(persona=persona).count() == 1
    assert persona_total_points(persona=persona) == 10


def answer_and_level(persona, slug_answered, level_skill, level):
    progress_record_answer(persona=persona, skills=[skill(slug_answered)])
    persona_skill_xp_add(persona=persona, awards=[(skill(level_skill).pk, xp_for_level(level))], reason="t")


def test_tutorial_quests_take_an_attribute_from_stone_to_wood_to_paper_to_eligible(alice):
    persona = PersonaFactory(owner=alice)
    progress_record_answer(persona=persona, skills=[skill("reasoning")])
    assert tiers(persona)["cognition"] == TutorialTier.STONE  # the level step is still open
    persona_skill_xp_add(persona=persona, awards=[(skill("reasoning").pk, xp_for_level(2))], reason="t")
    assert tiers(persona)["cognition"] == TutorialTier.WOOD
    for _ in range(2):
        progress_record_answer(persona=persona, skills=[skill("problem-solving")])
    persona_skill_xp_add(persona=persona, awards=[(skill("problem-solving").pk, xp_for_level(4))], reason="t")
    assert tiers(persona)["cognition"] == TutorialTier.PAPER
    for _ in range(3):
        progress_record_answer(persona=persona, skills=[skill("knowledge")])
    assert tiers(persona)["cognition"] == TutorialTier.PAPER
    persona_skill_xp_add(persona=persona, awards=[(skill("knowledge").pk, xp_for_level(6))], reason="t")
    assert tiers(persona)["cognition"] == TutorialTier.ELIGIBLE
    assert tiers(persona)["mastery"] == TutorialTier.STONE
    quests = [q for q in persona_quests(persona=persona) if q["quest"].attribute.slug == "cognition"]
    assert [q["completed_at"] is not None for q in quests] == [True, True, True]
    held = set(PersonaAchievement.objects.filter(persona=persona).values_list("achievement__code", flat=True))
    assert {"first-answer", "first-quest", "tutorial-graduate"} <= held


def held(persona):
    return set(PersonaAchievement.objects.filter(persona=persona).values_list("achievement__code", flat=True))


def cognition_up_to_its_last_step(persona):
    """Cognition at T8 Paper, "reach level 6 in Knowledge" left."""
    answer_and_level(persona, "reasoning", "reasoning", 2)
    for _ in range(2):
        progress_record_answer(persona=persona, skills=[skill("problem-solving")])
    persona_skill_xp_add(persona=persona, awards=[(skill("problem-solving").pk, xp_for_level(4))], reason="t")
    for _ in range(3):
        progress_record_answer(persona=persona, skills=[skill("knowledge")])


@pytest.mark.parametrize(
    ("versatility", "all_rounder"), [(TutorialTier.ELIGIBLE, True), (TutorialTier.PAPER, False)]
)
def test_the_attribute_graduating_last_earns_all_rounder(alice, versatility, all_rounder):
    persona = PersonaFactory(owner=alice)
    others = TutorialProgress.objects.filter(persona=persona).exclude(attribute__slug="cognition")
    others.update(tier=TutorialTier.ELIGIBLE)
    others.filter(attribute__slug="versatility").update(tier=versatility)
    cognition_up_to_its_last_step(persona)
    assert codes.ALL_ROUNDER not in held(persona)
    persona_skill_xp_add(persona=persona, awards=[(skill("knowledge").pk, xp_for_level(6))], reason="t")
    assert tiers(persona)["cognition"] == TutorialTier.ELIGIBLE
    assert codes.TUTORIAL_GRADUATE in held(persona)
    assert (codes.ALL_ROUNDER in held(persona)) is all_rounder


def test_answers_of_another_attribute_do_not_count(alice):
    persona = PersonaFactory(owner=alice)
    progress_record_answer(persona=persona, skills=[skill("clarity")])
    cognition = next(q for q in persona_quests(persona=persona) if q["quest"].attribute.slug == "cognition")
    assert [step["value"] for step in cognition["steps"]] == [0, 0]
    communication = next(
        q for q in persona_quests(persona=persona) if q["quest"].attribute.slug == "communication"
    )
    assert [step["value"] for step in communication["steps"]] == [1, 1]


def test_a_fork_inherits_skill_xp_but_not_achievements_or_quests(alice, bob):
    parent = PersonaFactory(owner=alice)
    answer_and_level(parent, "reasoning", "reasoning", 12)
    fork = persona_fork(persona=parent, actor=bob)
    assert levels(fork)["reasoning"] == 12
    assert PersonaSkill.objects.get(persona=fork, skill__slug="reasoning").xp == xp_for_level(12)
    assert not PersonaAchievement.objects.filter(persona=fork).exists()
    assert set(tiers(fork).values()) == {TutorialTier.STONE}
    assert XpEvent.objects.get(persona=fork).reason.startswith("Inherited from")
    assert PersonaAchievement.objects.filter(persona=parent, achievement__code="first-fork").exists()
    persona_fork(persona=parent, actor=bob, name="Second fork")
    assert PersonaAchievement.objects.filter(persona=parent, achievement__code="first-fork").count() == 1


def quest_tiers_started(persona, attribute_slug):
    return [
        q["quest"].tier_from
        for q in persona_quests(persona=persona)
        if q["quest"].attribute.slug == attribute_slug
    ]


def test_quests_finishing_in_two_attributes_at_once_start_only_their_own_next_quests(alice):
    persona = PersonaFactory(owner=alice)
    progress_record_answer(persona=persona, skills=[skill("reasoning"), skill("clarity")])
    persona_skill_xp_add(persona=persona, awards=[(skill("clarity").pk, xp_for_level(2))], reason="t")
    for _ in range(2):
        progress_record_answer(persona=persona, skills=[skill("empathy")])
    # One award finishes Cognition's Stone quest (to Wood) and Communication's Wood quest (to Paper).
    awards = [(skill("reasoning").pk, xp_for_level(2)), (skill("empathy").pk, xp_for_level(4))]
    persona_skill_xp_add(persona=persona, awards=awards, reason="t")
    assert tiers(persona)["cognition"] == TutorialTier.WOOD
    assert tiers(persona)["communication"] == TutorialTier.PAPER
    assert quest_tiers_started(persona, "cognition") == [TutorialTier.STONE, TutorialTier.WOOD]
    assert quest_tiers_started(persona, "communication") == [
        TutorialTier.STONE,
        TutorialTier.WOOD,
        TutorialTier.PAPER,
    ]


def test_a_quest_without_steps_is_done_as_soon_as_it_starts(alice):
    wood = Quest.objects.get(attribute__slug="cognition", tier_from=TutorialTier.WOOD)
    wood.steps.all().delete()
    persona = PersonaFactory(owner=alice)
    answer_and_level(persona, "reasoning", "reasoning", 2)
    assert tiers(persona)["cognition"] == TutorialTier.PAPER
    assert quest_tiers_started(persona, "cognition") == [
        TutorialTier.STONE,
        TutorialTier.WOOD,
        TutorialTier.PAPER,
    ]


def test_xp_in_a_skill_added_after_the_persona_creates_its_row(alice):
    persona = PersonaFactory(owner=alice)
    added = Skill.objects.create(attribute=Attribute.objects.first(), name="Rhetoric", slug="rhetoric")
    changes = persona_skill_xp_add(persona=persona, awards=[(added.pk, xp_for_level(3))], reason="t")
    assert changes == [{"skill": added.pk, "xp_gained": xp_for_level(3), "old_level": 1, "new_level": 3}]
    assert PersonaSkill.objects.get(persona=persona, skill=added).xp == xp_for_level(3)
    assert levels(persona)["rhetoric"] == 3


def test_an_answer_completing_a_quest_announces_the_tutorial_tier_it_moved(alice):
    from leveling.signals import tutorial_advanced

    persona = PersonaFactory(owner=alice)
    persona_skill_xp_add(persona=persona, awards=[(skill("reasoning").pk, xp_for_level(2))], reason="t")
    heard = []
    tutorial_advanced.connect(
        lambda sender, persona, **kw: heard.append(persona.pk), weak=False, dispatch_uid="t"
    )
    try:
        progress_record_answer(persona=persona, skills=[skill("reasoning")])
        progress_record_answer(persona=persona, skills=[skill("clarity")])  # completes nothing
    finally:
        tutorial_advanced.disconnect(dispatch_uid="t")

    assert tiers(persona)["cognition"] == TutorialTier.WOOD
    assert heard == [persona.pk]
