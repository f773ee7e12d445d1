import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from accounts.tests.factories import UserFactory
from core.testing.databases import needs_postgresql
from leveling.models import PersonaAchievement, PersonaSkill, Skill
from persona.models import Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory
from prompts.models import SkillScore
from prompts.scoring import xp_for_score
from prompts.services import skill_score_record, skill_scores_record
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db


def xp(persona, slug):
    return PersonaSkill.objects.get(persona=persona, skill__slug=slug).xp


def ids(*slugs):
    return {Skill.objects.get(slug=slug).pk: slug for slug in slugs}


def test_xp_is_weight_times_score_times_difficulty_factor_times_25():
    assert xp_for_score(score=10, weight=1, difficulty=1) == 250
    assert xp_for_score(score=7, weight=1, difficulty=3) == 262
    assert xp_for_score(score=4, weight=2.5, difficulty=5) == 625
    assert xp_for_score(score=0, weight=3, difficulty=5) == 0


def test_a_reviewer_scores_every_skill_and_the_persona_gains_xp(persona, prompt, rita):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    reasoning, clarity = ids("reasoning", "clarity")
    rows = skill_scores_record(answer=answer, scorer=rita, scores={reasoning: 8, clarity: 4})
    assert [row.score for row in rows] == [8, 4]
    assert xp(persona, "reasoning") == 300 and xp(persona, "clarity") == 150
    assert PersonaSkill.objects.get(persona=persona, skill__slug="reasoning").level == 4


def test_a_moderator_scores_too(persona, prompt, maude):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    skill_score_record(answer=answer, skill=prompt.skills.first(), scorer=maude, score=10)
    assert PersonaAchievement.objects.filter(persona=persona, achievement__code="perfect-score").exists()


def test_owner_editor_and_non_reviewer_cannot_score(persona, prompt, alice, bob, charlie):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    reviewer_bob = UserFactory(username="bob", groups=["reviewers"])
    persona_share(persona=persona, actor=alice, username="bob", role="edit")
    alice.groups.add(*reviewer_bob.groups.all())
    for user in (alice, reviewer_bob, charlie):
        user = type(user).objects.get(pk=user.pk)  # fresh permission cache
        with pytest.raises(PermissionDenied):
            skill_score_record(answer=answer, skill=prompt.skills.first(), scorer=user, score=5)
    assert not SkillScore.objects.exists()
    assert xp(persona, "reasoning") == 0


def test_a_reviewer_cannot_score_a_private_persona_they_cannot_see(prompt, rita):
    answer = AnswerFactory(persona=PersonaFactory(visibility=Visibility.PRIVATE), prompt=prompt)
    with pytest.raises(PermissionDenied):
        skill_score_record(answer=answer, skill=prompt.skills.first(), scorer=rita, score=5)


def test_one_score_per_answer_skill_and_scorer(persona, prompt, rita, maude):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    skill_score_record(answer=answer, skill=prompt.skills.first(), scorer=rita, score=5)
    with pytest.raises(ValidationError) as error:
        skill_score_record(answer=answer, skill=prompt.skills.first(), scorer=rita, score=9)
    assert "skill" in error.value.message_dict
    skill_score_record(answer=answer, skill=prompt.skills.first(), scorer=maude, score=5)
    assert xp(persona, "reasoning") == 2 * xp_for_score(score=5, weight=1, difficulty=3)


@pytest.mark.parametrize("score", [-1, 11, 5.5, "7"])
def test_scores_are_whole_numbers_from_0_to_10(persona, prompt, rita, score):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    with pytest.raises(ValidationError) as error:
        skill_score_record(answer=answer, skill=prompt.skills.first(), scorer=rita, score=score)
    assert "score" in error.value.message_dict


def test_a_skill_the_prompt_does_not_assess_is_refused(persona, prompt, rita):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    with pytest.raises(ValidationError) as error:
        skill_score_record(answer=answer, skill=Skill.objects.get(slug="empathy"), scorer=rita, score=5)
    assert "skill" in error.value.message_dict


def record_one_score(answer, scorer):
    skill_score_record(answer=answer, skill=answer.prompt.skills.first(), scorer=scorer, score=3)


def test_queries_to_record_a_score_do_not_grow_with_personas_skills_or_answers(
    persona, rita, django_assert_max_num_queries
):
    prompt = PromptFactory(skills=["reasoning", "clarity", "empathy"])
    first = AnswerFactory(persona=persona, prompt=prompt)
    record_one_score(AnswerFactory(), rita)  # warm caches (permissions, content types)
    with django_assert_max_num_queries(18) as small:
        record_one_score(first, rita)
    for _ in range(5):
        other = PersonaFactory()
        for _ in range(3):
            AnswerFactory(persona=other)
        AnswerFactory(persona=persona)
    Skill.objects.create(attribute=Skill.objects.first().attribute, name="Extra", slug="extra")
    later = AnswerFactory(persona=persona, prompt=PromptFactory(skills=["knowledge", "depth", "clarity"]))
    with django_assert_max_num_queries(18) as large:
        record_one_score(later, rita)
    assert len(large.captured_queries) == len(small.captured_queries)


@needs_postgresql  # row locking; SQLite locks the whole database
@pytest.mark.django_db(transaction=True)
def test_two_scores_saved_at_the_same_moment_both_count():
    persona = PersonaFactory()
    prompt = PromptFactory(skills=["reasoning"])
    answers = [AnswerFactory(persona=persona, prompt=prompt), AnswerFactory(persona=persona)]
    answers[1].prompt.prompt_skills.update(skill=Skill.objects.get(slug="reasoning"))
    scorers = [UserFactory(username="rita", groups=["reviewers"]), UserFactory(groups=["reviewers"])]
    barrier, errors = threading.Barrier(2), []

    def score(answer, scorer):
        try:
            barrier.wait(timeout=10)
            record_one_score(answer, scorer)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=score, args=pair) for pair in zip(answers, scorers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert xp(persona, "reasoning") == 2 * xp_for_score(score=3, weight=1, difficulty=1)
    assert SkillScore.objects.count() == 2
