"""Raw SQL through core.db: lists of ids on any database, and hot statements prepared once per
PostgreSQL connection yet counted and logged like every other query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.db import rows_for_ids
from core.testing.databases import needs_postgresql

pytestmark = pytest.mark.django_db

USERS_BY_ID = "SELECT username FROM auth_user WHERE id IN ({ids}) ORDER BY username"


def prepared_statements_like(text: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{text}%"])
        return cursor.fetchone()[0]


def test_rows_for_ids_reads_the_rows_of_the_ids_and_nothing_for_none(alice, bob, charlie):
    assert rows_for_ids(USERS_BY_ID, [alice.pk, charlie.pk]) == [("alice",), ("charlie",)]
    with CaptureQueriesContext(connection) as captured:
        assert rows_for_ids(USERS_BY_ID, []) == []
    assert len(captured) == 0


@needs_postgresql  # prepared statements are PostgreSQL's
def test_a_hot_statement_is_prepared_on_its_connection_and_still_counted(alice, bob):
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            assert rows_for_ids(USERS_BY_ID, [alice.pk, bob.pk]) == [("alice",), ("bob",)]
    assert len(captured) == 3 and "auth_user" in captured[0]["sql"]
    assert prepared_statements_like("auth_user WHERE id IN ($1, $2)") == 1


@needs_postgresql
def test_prepared_statements_can_be_turned_off_for_a_pooler(settings, alice):
    settings.DATABASE_PREPARED_STATEMENTS = False
    assert rows_for_ids(USERS_BY_ID + " -- unprepared", [alice.pk]) == [("alice",)]
    assert prepared_statements_like("-- unprepared") == 0
