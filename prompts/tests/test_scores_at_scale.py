"""Recording a score at scale: a fixed handful of queries whatever else exists, and concurrent reviewers
neither lose XP nor wait for each other across personas."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import UserFactory
from conftest import api_client_for
from core.testing.databases import needs_postgresql
from leveling import achievements as codes
from leveling.models import (
    PersonaAchievement,
    PersonaQuestProgress,
    PersonaSkill,
    Skill,
    TutorialProgress,
    TutorialTier,
    XpEvent,
)
from leveling.services import persona_skill_xp_add, progress_record_answer
from leveling.signals import persona_progressed
from leveling.xp import level_for_xp, xp_for_level
from prompts.scoring import xp_for_score
from prompts.selectors import answer_get_for_user
from prompts.services import skill_scores_record
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db

# A score adding XP without a level-up, on an answer loaded for the reviewer by the selectors (as pages
# and the API do: the permission check then reads the permissions they cached, no query): the prompt's
# weights, the scores, the skill rows (read locked, written), the XP events and the transaction (2: a
# savepoint here, BEGIN and COMMIT outside tests); then the live rating (metrics: the persona's scores,
# its attributes' facts, the standings written: 3).
COMMON_PATH_QUERIES = 10
# With level-ups, quests, tiers and achievements: + the quest chains with their attributes' tutorial tiers
# (1), the quest progress and tiers written (2), the achievements awarded and read back in one statement
# (1; SQLite needs 2), and the owner's notifications of the quests completed and achievements earned (content:
# 1 insert for them all).
WORST_PATH_QUERIES = 15 if connection.vendor == "postgresql" else 16


def skill_id(slug: str) -> int:
    return Skill.objects.get(slug=slug).pk


def tier(persona, attribute_slug: str) -> int:
    return TutorialProgress.objects.get(persona=persona, attribute__slug=attribute_slug).tier


def held(persona) -> set[str]:
    return set(PersonaAchievement.objects.filter(persona=persona).values_list("achievement__code", flat=True))


def loaded(answer, reviewer):
    """The answer as pages and the API hand it to the service: with its persona and prompt."""
    return answer_get_for_user(user=reviewer, pk=answer.pk)


def grow_crowd(reviewer, size: int) -> None:
    """`size` more personas, each with an answer, scores, XP events, finished quests and achievements
    (the first also warms the permission and content-type caches, as earlier requests would)."""
    prompt = PromptFactory(skills=[("reasoning", 3), ("clarity", 3)], difficulty=5)
    for _ in range(size):
        answer = AnswerFactory(prompt=prompt)
        progress_record_answer(persona=answer.persona, skills=list(prompt.skills.all()))
        scores = {skill_id("reasoning"): 10, skill_id("clarity"): 7}
        skill_scores_record(answer=loaded(answer, reviewer), scorer=reviewer, scores=scores)


def queries_with_few_and_many_rows(assert_num_queries, expected: int, reviewer, make_answer, scores):
    """Queries to record `scores` on a new answer (exactly `expected`), with 1 and then 11 other personas
    scored before."""
    counts = []
    for crowd in (1, 10):
        grow_crowd(reviewer, crowd)
        answer = loaded(make_answer(), reviewer)
        with assert_num_queries(expected) as queries:
            skill_scores_record(answer=answer, scorer=reviewer, scores=scores)
        counts.append(len(queries.captured_queries))
    return counts, answer


def test_a_score_without_level_up_takes_the_same_few_queries_however_many_rows_exist(
    rita, django_assert_num_queries
):
    prompt = PromptFactory(skills=["reasoning", "clarity"])
    scores = {skill_id("reasoning"): 3, skill_id("clarity"): 3}
    counts, answer = queries_with_few_and_many_rows(
        django_assert_num_queries, COMMON_PATH_QUERIES, rita, lambda: AnswerFactory(prompt=prompt), scores
    )
    assert counts[0] == counts[1]
    assert PersonaSkill.objects.get(persona=answer.persona, skill__slug="clarity").xp == 75


def test_a_level_up_of_a_persona_past_every_quest_reads_no_quests(rita, django_assert_num_queries):
    """The skill rows say whether any quest is open: with none, a level-up costs no more than a score."""
    grow_crowd(rita, 1)
    prompt = PromptFactory(skills=[("reasoning", 3)], difficulty=5)
    answer = AnswerFactory(prompt=prompt)
    progress_record_answer(persona=answer.persona, skills=list(prompt.skills.all()))
    PersonaQuestProgress.objects.filter(persona=answer.persona).update(completed_at=timezone.now())
    answer, scores = loaded(answer, rita), {skill_id("reasoning"): 4}

    with django_assert_num_queries(COMMON_PATH_QUERIES):
        skill_scores_record(answer=answer, scorer=rita, scores=scores)

    assert PersonaSkill.objects.get(persona=answer.persona, skill__slug="reasoning").level == 7


def answered_in_two_attributes(prompt):
    """Stone quests of Cognition and Communication wait for their skill levels: 10/10 finishes both."""
    answer = AnswerFactory(prompt=prompt)
    progress_record_answer(persona=answer.persona, skills=list(prompt.skills.all()))
    return answer


def waiting_to_graduate(prompt):
    """Cognition is at T8 Paper with only "reach level 6 in Knowledge" left."""
    answer = AnswerFactory(prompt=prompt)
    persona = answer.persona
    for slug, level, answers in (("reasoning", 2, 1), ("problem-solving", 4, 2), ("knowledge", None, 3)):
        for _ in range(answers):
            progress_record_answer(persona=persona, skills=[Skill.objects.get(slug=slug)])
        if level:
            persona_skill_xp_add(persona=persona, awards=[(skill_id(slug), xp_for_level(level))], reason="t")
    return answer


@pytest.mark.parametrize(
    ("skills", "setup", "attribute", "reached", "earned"),
    [
        (
            ["reasoning", "clarity"],
            answered_in_two_attributes,
            "communication",
            TutorialTier.WOOD,
            "first-quest",
        ),
        (["knowledge"], waiting_to_graduate, "cognition", TutorialTier.ELIGIBLE, "tutorial-graduate"),
    ],
    ids=["two-quests-to-wood", "tutorial-graduate"],
)
def test_a_score_that_levels_up_and_finishes_quests_stays_within_the_bound_however_many_rows_exist(
    rita, django_assert_num_queries, skills, setup, attribute, reached, earned
):
    prompt = PromptFactory(skills=[(slug, 3) for slug in skills], difficulty=5)
    scores = {skill_id(slug): 10 for slug in skills}
    counts, answer = queries_with_few_and_many_rows(
        django_assert_num_queries, WORST_PATH_QUERIES, rita, lambda: setup(prompt), scores
    )
    assert counts[0] == counts[1]
    assert tier(answer.persona, attribute) == reached
    assert {earned, codes.PERFECT_SCORE, codes.skill_level_code(10)} <= held(answer.persona)


def score_in_thread(answer, reviewer, scores, errors, barrier=None):
    try:
        if barrier is not None:
            barrier.wait(timeout=10)
        skill_scores_record(answer=loaded(answer, reviewer), scorer=reviewer, scores=scores)
    except Exception as error:  # reported by the test
        errors.append(error)
    finally:
        connection.close()


@needs_postgresql  # row locking; SQLite locks the whole database
@pytest.mark.django_db(transaction=True)
def test_reviewers_scoring_one_persona_at_the_same_moment_all_count():
    slugs = ["reasoning", "clarity", "empathy"]
    prompt = PromptFactory(skills=[(slug, 3) for slug in slugs], difficulty=5)
    answer = answered_in_two_attributes(prompt)
    reviewers = [UserFactory(groups=["reviewers"]) for _ in range(4)]
    scores = [{skill_id(slug): 4 + n + i for i, slug in enumerate(slugs)} for n in range(len(reviewers))]
    barrier, errors = threading.Barrier(len(reviewers)), []
    threads = [
        threading.Thread(target=score_in_thread, args=(answer, reviewer, given, errors, barrier))
        for reviewer, given in zip(reviewers, scores, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for slug in slugs:
        row = PersonaSkill.objects.get(persona=answer.persona, skill__slug=slug)
        expected = sum(xp_for_score(score=given[skill_id(slug)], weight=3, difficulty=5) for given in scores)
        assert (row.xp, row.level) == (expected, level_for_xp(expected))
    assert XpEvent.objects.filter(persona=answer.persona).count() == len(reviewers) * len(slugs)
    assert tier(answer.persona, "cognition") == tier(answer.persona, "communication") == TutorialTier.WOOD
    assert {codes.FIRST_QUEST, codes.skill_level_code(10)} <= held(answer.persona)


@needs_postgresql  # row locking; SQLite locks the whole database
@pytest.mark.django_db(transaction=True)
def test_scoring_a_persona_never_waits_for_a_score_of_another_persona_in_progress():
    prompt = PromptFactory(skills=["reasoning"])
    busy, other = AnswerFactory(prompt=prompt), AnswerFactory(prompt=prompt)
    inside, release, errors = threading.Event(), threading.Event(), []

    def hold_the_transaction_open(sender, persona, **kwargs):
        if persona.pk == busy.persona_id:
            inside.set()
            release.wait(timeout=10)

    persona_progressed.connect(hold_the_transaction_open, weak=False, dispatch_uid="test-hold")
    scores = {skill_id("reasoning"): 5}
    first, second = (
        threading.Thread(target=score_in_thread, args=(a, UserFactory(groups=["reviewers"]), scores, errors))
        for a in (busy, other)
    )
    try:
        first.start()
        assert inside.wait(timeout=10)
        second.start()
        second.join(timeout=5)
        finished_meanwhile = not second.is_alive()
    finally:
        release.set()
        first.join()
        second.join()
        persona_progressed.disconnect(dispatch_uid="test-hold")
    assert errors == []
    assert finished_meanwhile, "the second score waited for a lock the first one held"


# Through the API: the service's queries, and the request's own: the answer the body names (with its persona
# and prompt, among those the reviewer may score) and the skill it names. The reply's skill is the one
# validated, read again by no query.
API_EXTRA_QUERIES = 2


def test_a_score_through_the_api_adds_only_the_answer_and_the_skill_it_names(rita, django_assert_num_queries):
    prompt = PromptFactory(skills=["reasoning", "clarity"])
    client = api_client_for(rita)
    for crowd in (1, 10):
        grow_crowd(rita, crowd)
        answer = AnswerFactory(prompt=prompt)
        body = {"answer": answer.pk, "skill": skill_id("clarity"), "score": 3}
        with django_assert_num_queries(COMMON_PATH_QUERIES + API_EXTRA_QUERIES):
            response = client.post("/api/v1/skill-scores/", body, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["skill_slug"] == "clarity"
