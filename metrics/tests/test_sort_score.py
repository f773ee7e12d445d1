"""The live positions' sort score computed by the database, for rebuilding the sets, equals Python's."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from metrics.models import Standing
from metrics.positions import sort_score, sort_score_sql
from metrics.tiers import Tier

pytestmark = pytest.mark.django_db

RATINGS = [0.0, 0.01, 1234.56, 2099.99, 9999.99, 5000.5]
TIMES = [
    datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC),
    datetime(2026, 3, 1, 12, 30, 15, 999999, tzinfo=UTC),
    datetime(2026, 12, 1, 23, 59, 59, 1, tzinfo=UTC),
    None,
]


def test_the_database_computes_the_same_sort_score_as_python(on_board):
    standings = []
    for rating in RATINGS:
        for rated_at in TIMES:
            standing = on_board(Tier.GOLD, rating=rating)
            Standing.objects.filter(pk=standing.pk).update(rated_at=rated_at)
            standings.append((standing.pk, rating, rated_at))
    score = sort_score_sql("rating", "rated_at", connection.vendor)
    with connection.cursor() as cursor:
        # with parameters, as the recalculation sends it (their placeholder style escapes the %)
        cursor.execute(f"SELECT id, {score} FROM {Standing._meta.db_table} WHERE id > %s", [0])
        computed = dict(cursor.fetchall())

    assert {pk: computed[pk] for pk, _, _ in standings} == {
        pk: sort_score(rating, rated_at) for pk, rating, rated_at in standings
    }
