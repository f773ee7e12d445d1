"""Database set-up that belongs to one kind of process."""

from django.conf import settings
from django.db.backends.signals import connection_created


def bound_web_statements() -> None:
    """In the web process, PostgreSQL stops a statement after WEB_STATEMENT_TIMEOUT_MS, so one runaway
    query cannot hold a worker; migrations, Celery tasks and commands keep no such bound."""
    if getattr(settings, "WEB_STATEMENT_TIMEOUT_MS", 0) > 0:
        connection_created.connect(_set_statement_timeout, dispatch_uid="core.web_statement_timeout")


def _set_statement_timeout(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [settings.WEB_STATEMENT_TIMEOUT_MS])
