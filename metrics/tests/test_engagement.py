"""How content performs (metrics.engagement): the formulas, the database's engagement rate, and the
persona's popularity kept in SQL, all agreeing."""

import pytest

from metrics.engagement import ENGAGEMENT_PRIOR_VIEWS, Totals
from metrics.models import InteractionMetrics, PerformanceMetrics
from metrics.services import performance_forget, performance_record
from persona.tests.factories import PersonaFactory


def test_the_engagement_rate_is_reactions_per_view_and_zero_without_views():
    assert Totals(views=10, likes=2, comments=1, shares=1).engagement_rate == 0.4
    assert Totals(views=0, likes=3).engagement_rate == 0


def test_popularity_weighs_views_likes_comments_and_shares_as_the_rating_does():
    assert Totals(views=10, likes=4, comments=2, shares=1).popularity_score == pytest.approx(
        0.2 * 10 + 1 * 4 + 2 * 2 + 3 * 1
    )


def test_the_engagement_score_needs_views_before_it_trusts_a_rate():
    lucky = Totals(views=2, likes=2)  # 100 % of two views
    proven = Totals(views=1000, likes=300)

    assert lucky.engagement_score == pytest.approx(2 / (2 + ENGAGEMENT_PRIOR_VIEWS))
    assert lucky.engagement_rate > proven.engagement_rate
    assert lucky.engagement_score < proven.engagement_score


@pytest.mark.django_db
def test_the_database_computes_the_same_engagement_rate(alice):
    persona = PersonaFactory(owner=alice)
    for kind, times in {"view": 8, "like": 3, "comment": 2, "share": 1}.items():
        for _ in range(times):
            performance_record(persona=persona, item_id=7, kind=kind)

    item, day = PerformanceMetrics.objects.get(item_id=7), InteractionMetrics.objects.get(persona=persona)

    expected = Totals(views=8, likes=3, comments=2, shares=1)
    assert item.engagement_rate == day.engagement_rate == pytest.approx(expected.engagement_rate)
    persona.refresh_from_db()
    assert persona.popularity_score == pytest.approx(expected.popularity_score)


@pytest.mark.django_db
def test_popularity_follows_taking_back_and_forgetting_items(alice):
    persona = PersonaFactory(owner=alice)
    performance_record(persona=persona, item_id=1, kind="like")
    performance_record(persona=persona, item_id=2, kind="share")
    performance_record(persona=persona, item_id=1, kind="like", change=-1)
    performance_record(persona=persona, item_id=1, kind="like", change=-1)  # never below 0
    persona.refresh_from_db()
    assert persona.popularity_score == pytest.approx(3.0)

    performance_forget(persona=persona, item_id=2)

    persona.refresh_from_db()
    assert persona.popularity_score == 0 and not PerformanceMetrics.objects.filter(item_id=2).exists()
