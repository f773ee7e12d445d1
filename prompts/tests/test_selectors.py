import pytest

from leveling.models import Skill, TutorialProgress, TutorialTier
from leveling.services import persona_skill_xp_add
from leveling.xp import xp_for_level
from persona.models import Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory
from prompts.selectors import prompt_next_for_persona, review_queue
from prompts.services import skill_score_record
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db


def titles(prompts):
    return [prompt.title for prompt in prompts]


def test_next_prompts_put_tutorials_first_then_weakest_skills(persona):
    skill = Skill.objects.get(slug="reasoning")
    persona_skill_xp_add(persona=persona, awards=[(skill.pk, xp_for_level(20))], reason="t")
    PromptFactory(title="Strong skill", skills=["reasoning"])
    PromptFactory(title="Weak skill", skills=["empathy"])
    PromptFactory(title="Tutorial", skills=["reasoning"], is_tutorial=True)
    PromptFactory(title="Hard weak skill", skills=["clarity"], difficulty=4)
    PromptFactory(title="Inactive", skills=["empathy"], is_active=False)
    PromptFactory(title="Too advanced", skills=["empathy"], tier_lowest=7)
    answered = PromptFactory(title="Answered", skills=["empathy"])
    AnswerFactory(persona=persona, prompt=answered)
    assert titles(prompt_next_for_persona(persona=persona)) == [
        "Tutorial",
        "Weak skill",
        "Hard weak skill",
        "Strong skill",
    ]


def test_out_of_the_tutorial_tutorial_prompts_lose_priority_and_rated_prompts_appear(persona):
    TutorialProgress.objects.filter(persona=persona).update(tier=TutorialTier.ELIGIBLE)
    PromptFactory(title="Tutorial", skills=["reasoning"], is_tutorial=True, tier_highest=7, difficulty=2)
    PromptFactory(title="Rated", skills=["empathy"], tier_lowest=7, difficulty=1)
    PromptFactory(title="Stone only", skills=["empathy"], tier_lowest=10, tier_highest=9)
    assert titles(prompt_next_for_persona(persona=persona)) == ["Rated", "Tutorial"]


def test_review_queue_lists_unscored_answers_of_others_only(alice, bob, rita, prompt):
    public = AnswerFactory(persona=PersonaFactory(owner=bob), prompt=prompt)
    unlisted = AnswerFactory(persona=PersonaFactory(owner=bob, visibility=Visibility.UNLISTED), prompt=prompt)
    hidden = AnswerFactory(persona=PersonaFactory(owner=bob, visibility=Visibility.PRIVATE), prompt=prompt)
    shared_private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    persona_share(persona=shared_private, actor=alice, username="rita", role="use")
    shared = AnswerFactory(persona=shared_private, prompt=prompt)
    own = AnswerFactory(persona=PersonaFactory(owner=rita), prompt=prompt)
    assert set(review_queue(user=rita)) == {public, unlisted, shared}
    skill_score_record(answer=public, skill=prompt.skills.first(), scorer=rita, score=6)
    assert set(review_queue(user=rita)) == {unlisted, shared}
    assert hidden not in review_queue(user=rita) and own not in review_queue(user=rita)


def test_review_queue_is_empty_for_non_reviewers(bob, prompt):
    AnswerFactory(prompt=prompt)
    assert list(review_queue(user=bob)) == []
