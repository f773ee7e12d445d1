"""Database set-up that belongs to one kind of process, and what raw SQL reads back."""

from datetime import UTC, datetime

from django.conf import settings
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
