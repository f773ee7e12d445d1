"""What the benchmarks' builders share: raw statements on Django's connection and timed steps."""

import time
from contextlib import contextmanager

from django.db import connection


@contextmanager
def step(label: str, out):
    began = time.perf_counter()
    yield
    out(f"  {label}: {time.perf_counter() - began:.1f} s")


def execute(sql: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def scalar(sql: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def reset_sequence(table: str) -> None:
    """The table's id sequence continues after the rows inserted with explicit ids."""
    execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
