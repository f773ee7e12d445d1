"""Database set-up that belongs to one kind of process, and how raw SQL runs and is read back."""

from collections.abc import Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def bound_web_statements() -> None:
    """In the web process, PostgreSQL stops a statement after WEB_STATEMENT_TIMEOUT_MS, so one runaway
    query cannot hold a worker; migrations, Celery tasks and commands keep no such bound."""
    if getattr(settings, "WEB_STATEMENT_TIMEOUT_MS", 0) > 0:
        connection_created.connect(_set_statement_timeout, dispatch_uid="core.web_statement_timeout")


def _set_statement_timeout(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [settings.WEB_STATEMENT_TIMEOUT_MS])


def column_datetime(value: datetime | str | None) -> datetime | None:
    """A timestamp column read by raw SQL, as the ORM gives it: SQLite hands raw columns over naive (or as
    text), in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, UTC)
    return value


@contextmanager
def planned_once_cursor():
    """A cursor for the hot statements of static SQL (the live rating's facts, a page's card facts): on
    PostgreSQL the server binds its parameters, so it prepares each statement on its first run on a
    connection and plans it once for the connection's life instead of on every run (planning the live
    rating's facts took five times as long as running them). Django's query log and execute wrappers
    see its statements as any other's. Elsewhere, or with DATABASE_PREPARED_STATEMENTS off (a pooler in
    transaction mode), the usual cursor."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    raw = _preparing_cursor_class()(connection.connection)
    with (
        connection.make_debug_cursor(raw)
        if connection.queries_logged
        else connection.make_cursor(raw) as cursor
    ):
        yield cursor


@cache
def _preparing_cursor_class():
    """Django's server-binding cursor, preparing every statement it runs (psycopg prepares only those
    run `prepare_threshold` times otherwise)."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=True, binary=None):
            super().execute(query, params, prepare=prepare, binary=binary)
            if self._query is None:  # psycopg keeps no query of a prepared run; Django's query log reads it
                self._query = self._convert_query(query, params)
            return self

    return PreparingCursor


def rows_for_ids(sql: str, ids: Sequence[int]) -> list[tuple]:
    """The rows of raw SQL in which each `{ids}` stands for the ids of an `IN ({ids})` list, on any
    database: what a page's few dozen rows cost without building an ORM query (which takes longer than
    running it)."""
    if not ids:
        return []
    with planned_once_cursor() as cursor:
        cursor.execute(sql.format(ids=", ".join(["%s"] * len(ids))), list(ids) * sql.count("{ids}"))
        return cursor.fetchall()
