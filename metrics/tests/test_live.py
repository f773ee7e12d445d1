"""Live ratings: a score recomputes the persona's standings in its own transaction, in a fixed number of
queries, and moves its live position once committed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Standing
from metrics.positions import live_positions
from persona.models import Visibility
from persona.services import persona_update
from persona.tests.factories import PersonaFactory
from prompts.services import skill_scores_record
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db


def standing(persona, attribute):
    return Standing.objects.get(persona=persona, attribute=attribute)


def test_a_score_rates_the_persona_in_the_same_transaction(graduate, score, cognition):
    persona = graduate()

    score(persona, 8)

    rated = standing(persona, cognition)
    assert rated.rating > 0 and rated.answers == 1 and rated.reviewers == 2
    assert 0 < rated.quality < 8 and rated.eligible


def test_until_enough_reviewers_have_scored_a_persona_is_rated_but_not_eligible(graduate, score, cognition):
    persona = graduate()

    score(persona, 9, reviewers_count=1)

    rated = standing(persona, cognition)
    assert rated.rating > 0 and not rated.eligible


def test_unlisted_personas_are_rated_but_never_eligible(graduate, score, cognition):
    persona = graduate(visibility=Visibility.UNLISTED)

    score(persona, 9)

    rated = standing(persona, cognition)
    assert rated.rating > 0 and not rated.eligible


def test_the_live_position_follows_scores_once_committed(
    graduate, score, cognition, django_capture_on_commit_callbacks
):
    leader, chaser = graduate(), graduate()
    with django_capture_on_commit_callbacks(execute=True):
        score(leader, 7)
        score(chaser, 5)
    positions = live_positions()
    assert (positions.position(cognition.pk, leader.pk), positions.position(cognition.pk, chaser.pk)) == (
        1,
        2,
    )

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            score(chaser, 10)

    assert (positions.position(cognition.pk, chaser.pk), positions.position(cognition.pk, leader.pk)) == (
        1,
        2,
    )


def test_a_persona_made_private_leaves_the_live_positions_at_once(
    graduate, score, cognition, django_capture_on_commit_callbacks
):
    persona = graduate()
    with django_capture_on_commit_callbacks(execute=True):
        score(persona, 8)
    assert live_positions().position(cognition.pk, persona.pk) == 1

    with django_capture_on_commit_callbacks(execute=True):
        persona_update(persona=persona, actor=persona.owner, visibility=Visibility.PRIVATE)

    assert live_positions().position(cognition.pk, persona.pk) is None
    assert not standing(persona, cognition).eligible


@pytest.mark.parametrize("others", [1, 25])
def test_scoring_with_its_live_rating_costs_the_same_queries_however_many_personas(
    graduate, reviewers, others
):
    for _ in range(others):
        PersonaFactory()
    persona = graduate()
    answer = AnswerFactory(persona=persona, prompt=PromptFactory(skills=["reasoning"]))
    skill = answer.prompt.skills.get()
    skill_scores_record(answer=answer, scorer=reviewers[0], scores={skill.pk: 4})
    answer = type(answer).objects.select_related("persona", "prompt").get(pk=answer.pk)

    with CaptureQueriesContext(connection) as queries:
        skill_scores_record(answer=answer, scorer=reviewers[1], scores={skill.pk: 5})

    assert len(queries) <= 15, "\n".join(q["sql"][:120] for q in queries.captured_queries)


def test_a_persona_page_says_why_it_is_not_placed(graduate, score, cognition):
    from metrics.selectors import persona_standings

    fresh = PersonaFactory(visibility=Visibility.UNLISTED)
    waiting = graduate()
    score(waiting, 8)

    fresh_reasons = next(s for s in persona_standings(persona=fresh) if s.attribute == cognition).reasons
    waiting_entry = next(s for s in persona_standings(persona=waiting) if s.attribute == cognition)

    assert any("tutorial is not finished" in r for r in fresh_reasons)
    assert any("Unlisted personas take no place" in r for r in fresh_reasons)
    assert any("Too little evidence" in r for r in fresh_reasons)
    assert waiting_entry.reasons == ["Eligible: it takes its place at the next daily update (03:00 UTC)."]


def test_the_owner_of_an_unlisted_persona_sees_where_it_would_stand(
    graduate, score, cognition, django_capture_on_commit_callbacks
):
    from metrics.selectors import persona_standings
    from metrics.tiers import Tier

    with django_capture_on_commit_callbacks(execute=True):
        score(graduate(), 9)
        hidden = graduate(visibility=Visibility.UNLISTED)
        score(hidden, 5)

    entry = next(s for s in persona_standings(persona=hidden, show_would_be=True) if s.attribute == cognition)
    anyone = next(s for s in persona_standings(persona=hidden) if s.attribute == cognition)

    assert entry.would_be == (2, Tier.GOLD) and anyone.would_be is None


def test_a_tutorial_finished_by_an_answer_makes_a_scored_persona_eligible(score, cognition):
    from leveling.models import TutorialProgress
    from leveling.signals import tutorial_advanced

    persona = PersonaFactory()
    score(persona, 8)
    assert not standing(persona, cognition).eligible
    TutorialProgress.objects.filter(persona=persona, attribute=cognition).update(tier=7)

    tutorial_advanced.send(sender=TutorialProgress, persona=persona)  # as the answer's quest step sends it

    assert standing(persona, cognition).eligible
