"""The live positions after a daily recalculation: the members it moved are placed again or removed, a set
that lost members is rebuilt whole, and so is one the run moved too much of. The policy is small
(conftest): bands of 2/2/2, two reviewers of evidence."""

import os
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from metrics.models import Standing
from metrics.positions import _key, live_positions
from metrics.services import recalculation, standings_recalculate
from prompts.models import Answer, SkillScore

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ranked_levels_out_of_casual_reach(settings):
    settings.METRICS_RANKED_LEVELS = (20, 30, 40, 50)


def recalculate(attribute, days_ago=0):
    return standings_recalculate(attribute=attribute, day=timezone.now().date() - timedelta(days=days_ago))


def settled(attribute):
    """Two days run: the first places the field in the bands, the second rates each with its new tier;
    a third moves nobody who did not change."""
    recalculate(attribute, days_ago=2)
    recalculate(attribute, days_ago=1)


def places(personas, attribute):
    positions = live_positions()
    return [positions.position(attribute.pk, persona.pk) for persona in personas]


@pytest.fixture
def field_of(graduate, score):
    def make(count):
        personas = [graduate(name=f"Runner {place}") for place in range(count)]
        for place, persona in enumerate(personas):
            score(persona, 10 - place)
        return personas

    return make


def redis_sets():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("The live positions are Redis sorted sets only with REDIS_URL (.ci/run sets it).")
    return live_positions().client


def test_a_persona_gone_quiet_leaves_the_live_positions_at_the_next_run(field_of, cognition):
    personas = field_of(3)
    settled(cognition)
    assert places(personas, cognition) == [1, 2, 3]

    long_ago = timezone.now() - timedelta(days=45)  # its last answer and score, and its live facts
    Answer.objects.filter(persona=personas[0]).update(created_at=long_ago)
    SkillScore.objects.filter(answer__persona=personas[0]).update(created_at=long_ago)
    Standing.objects.filter(persona=personas[0]).update(last_active_at=long_ago)
    summary = recalculate(cognition)

    assert summary.positions_moved == [personas[0].pk]
    assert places(personas, cognition) == [None, 1, 2]


def test_a_run_that_moves_nobody_leaves_the_positions_as_they_are(field_of, cognition):
    personas = field_of(3)
    settled(cognition)

    summary = recalculate(cognition)

    assert summary.positions_moved == [] and summary.competing == 3
    assert places(personas, cognition) == [1, 2, 3]


def test_without_redis_a_run_that_moved_members_sends_no_more_queries_than_one_that_moved_none(
    field_of, cognition, settings
):
    """The standings themselves are the order then: the members a run moved need not be read back."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    personas = field_of(3)
    settled(cognition)
    recalculate(cognition)
    with CaptureQueriesContext(connection) as moving_none:
        assert recalculate(cognition).positions_moved == []

    Standing.objects.filter(persona=personas[0], attribute=cognition).update(rating=F("rating") - 1)
    with CaptureQueriesContext(connection) as moving_one:
        summary = recalculate(cognition)  # the rating comes back from the facts, the tier stays

    assert summary.positions_moved == [personas[0].pk] and summary.changes == []
    assert len(moving_one) == len(moving_none)


def test_a_set_that_lost_its_members_is_rebuilt_whole_by_the_next_run(field_of, cognition):
    client = redis_sets()
    personas = field_of(3)
    settled(cognition)
    client.delete(_key(cognition.pk))  # Redis restarted: it keeps nothing on disk

    summary = recalculate(cognition)

    assert summary.positions_moved == []
    assert places(personas, cognition) == [1, 2, 3]


def test_a_set_holding_a_stray_member_is_rebuilt_whole(field_of, cognition):
    client = redis_sets()
    personas = field_of(2)
    settled(cognition)
    client.zadd(_key(cognition.pk), {"999999": 10**20})  # a member the standings do not back

    recalculate(cognition)

    assert places(personas, cognition) == [1, 2]
    assert client.zcard(_key(cognition.pk)) == 2


def test_a_run_that_moves_more_than_the_limit_rebuilds_the_set(field_of, cognition, monkeypatch):
    monkeypatch.setattr(recalculation, "POSITIONS_MOVED_LIMIT", 1)
    personas = field_of(3)
    recalculate(cognition, days_ago=2)

    summary = recalculate(cognition, days_ago=1)  # each rated with its new tier: three moved

    assert summary.positions_moved is None and summary.competing == 3
    assert places(personas, cognition) == [1, 2, 3]
