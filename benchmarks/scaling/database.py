"""The benchmark's own database, `yayay_bench_<N>`: built once, then reused for as long as it holds the
same build. A one-row table records what was built: the builder's version, the number of personas, the
migrations it was built with and the users and personas the runner measures."""

import hashlib
import json

import psycopg
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# Bump whenever the builder stores something different: a database built by another version is rebuilt.
BUILDER_VERSION = 1
BUILD_TABLE = "bench_build"


def database_name(personas: int) -> str:
    return f"yayay_bench_{personas}"


def _server():
    """A connection to the server's maintenance database, where databases are created and dropped."""
    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
    )


def database_exists(name: str) -> bool:
    with _server() as server:
        return server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def database_recreate(name: str) -> None:
    connection.close()
    with _server() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')


def migrations_on_disk() -> str:
    """A fingerprint of every migration the code holds (applied to a built database, it is its schema)."""
    nodes = sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return hashlib.sha256(json.dumps(nodes).encode()).hexdigest()


def _migrations_applied() -> str:
    nodes = sorted(MigrationRecorder(connection).applied_migrations())
    return hashlib.sha256(json.dumps(nodes).encode()).hexdigest()


def build_record(*, personas: int, subjects: dict, version: int = BUILDER_VERSION) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BUILD_TABLE} (builder_version integer, personas integer, "
            "migrations text, subjects jsonb, built_at timestamptz DEFAULT now())"
        )
        cursor.execute(f"DELETE FROM {BUILD_TABLE}")
        cursor.execute(
            f"INSERT INTO {BUILD_TABLE} (builder_version, personas, migrations, subjects) "
            "VALUES (%s, %s, %s, %s)",
            [version, personas, migrations_on_disk(), json.dumps(subjects)],
        )


def build_recorded(*, personas: int, version: int = BUILDER_VERSION) -> dict | None:
    """What the database holds when this builder (or another benchmark's, of that `version`) built it
    with `personas` personas: {"subjects", "current": whether its migrations are the code's}; None when
    it must be built (again)."""
    if BUILD_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT builder_version, personas, migrations, subjects FROM {BUILD_TABLE}")
        row = cursor.fetchone()
    if row is None or row[:2] != (version, personas):
        return None
    on_disk = migrations_on_disk()
    subjects = row[3] if isinstance(row[3], dict) else json.loads(row[3])
    return {"subjects": subjects, "current": row[2] == on_disk == _migrations_applied()}


def build_reusable(*, personas: int) -> dict | None:
    """The recorded subjects when the database holds this very build (migrations included), else None."""
    recorded = build_recorded(personas=personas)
    return recorded["subjects"] if recorded and recorded["current"] else None
