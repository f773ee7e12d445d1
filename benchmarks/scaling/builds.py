"""What both benchmarks (scale.py, recalculation.py) do before measuring: the same arguments for their
database, production settings pointed at it, and the database built or reused."""

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Production settings, with what they require; compose's plain-HTTP setting (TLS ends at a proxy); rate
# limits out of the way, since one client makes every request.
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "API_THROTTLE_USER": "100000000/hour",
    "API_THROTTLE_IP": "100000000/hour",
    "LOG_LEVEL": "WARNING",
}


def build_arguments(parser) -> None:
    parser.add_argument("--personas", type=int, default=1_000_000, help="N (at least 200)")
    parser.add_argument("--rebuild", action="store_true", help="build the database even if reusable")
    parser.add_argument(
        "--migrate",
        action="store_true",
        help="bring a build made with older migrations up to date with `migrate` instead of rebuilding",
    )


def environment(*, database: str, redis_default: str) -> dict[str, str]:
    """The variables the app (in process, and gunicorn) runs with: BENCH_POSTGRES_URL's server and
    BENCH_REDIS_URL (DATABASE_URL and REDIS_URL are ignored)."""
    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://root@127.0.0.1:5432/postgres")
    return {
        **PRODUCTION_ENVIRONMENT,
        "DATABASE_URL": f"{server.rsplit('/', 1)[0]}/{database}",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", redis_default),
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "yayay-bench-static"),
    }


def database_ready(
    *,
    name: str,
    personas: int,
    version: int,
    fill: Callable[[int], dict],
    rebuild: bool,
    migrate: bool,
    still_fresh: Callable[[dict], bool] = lambda subjects: True,
) -> dict:
    """The subjects of a reusable build (brought up to date by `migrate` when asked), or of a new one
    made by `fill(personas)`."""
    from django.core.management import call_command

    from benchmarks.scaling import build, check, database

    recorded = None
    if not rebuild and database.database_exists(name):
        recorded = database.build_recorded(personas=personas, version=version)
    if recorded and not still_fresh(recorded["subjects"]):
        recorded = None
    if recorded and not recorded["current"] and migrate:
        print(f"Migrating {name}, built with other migrations (as production would be)...")
        call_command("migrate", verbosity=0)
        build.statistics_update()
        database.build_record(personas=personas, subjects=recorded["subjects"], version=version)
    elif recorded and recorded["current"]:
        built_on = recorded["subjects"].get("built_on")
        when = f", built on {built_on}" if built_on else ""
        print(f"Reusing {name} ({personas:,} personas{when}; --rebuild builds it again).")
    else:
        print(f"Building {name} ({personas:,} personas):")
        began = time.perf_counter()
        database.database_recreate(name)
        call_command("migrate", verbosity=0)
        recorded = {"subjects": fill(personas)}
        database.build_record(personas=personas, subjects=recorded["subjects"], version=version)
        print(f"  built in {time.perf_counter() - began:.0f} s: {check.database_size()}")
    return recorded["subjects"]
