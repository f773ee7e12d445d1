"""The recalculation benchmark: the daily recalculation of ratings, bands and ranked tiers over N eligible
personas, against the naive per-persona ORM loop and against its own SQL, and what a skill score and a
leaderboard page cost at that size, in one run on the same data.

Run: `make bench` (N from BENCH_RECALC_PERSONAS, default 1,000,000), or
    .venv/bin/python benchmarks/recalculation.py --personas N [--rebuild | --migrate] [--runs K]
        [--workers W] [--naive-sample S] [--naive-budget-seconds B] [--request-runs R] [--explain]

1. Builds `yayay_bench_recalc_<N>` (bulk SQL; benchmarks/recalculating/build.py) or reuses it when it holds
   the same build (builder version, N, migrations; with --migrate, older migrations are migrated forward)
   made less than MAX_BUILD_AGE_DAYS ago, while its personas are still active.
2. Times the recalculation and its SQL (benchmarks/recalculating/runner.py), the naive loop on a sample,
   a skill score and the leaderboard pages, under production settings, in process.
Ends with a table of figures against the issue's targets, then one JSON line: {"personas", "seconds",
"naive_ratio", "sql_ratio", "score_ms", "board_ms", ...} (see recalculating/report.py).

Environment: BENCH_POSTGRES_URL (the server; default postgres://root@127.0.0.1:5432/postgres) and
BENCH_REDIS_URL (the cache and live positions; default redis://127.0.0.1:6379/12). DATABASE_URL and
REDIS_URL are ignored.
"""

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

from benchmarks.scaling import builds

# Bump whenever the builder stores something different: a database built by another version is rebuilt.
BUILDER_VERSION = 101
# Answers are 2 to 13 days old when built, and a persona counts as active for METRICS_ACTIVE_DAYS (30).
MAX_BUILD_AGE_DAYS = 14


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    builds.build_arguments(parser)
    parser.add_argument("--runs", type=int, default=2, help="timed recalculations, and as many of its SQL")
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="attributes recalculated at once, as a Celery worker with this --concurrency runs the group",
    )
    parser.add_argument("--naive-sample", type=int, default=500, help="personas the naive loop times")
    parser.add_argument(
        "--naive-budget-seconds", type=float, default=90, help="fewer of them once they took this long"
    )
    parser.add_argument("--request-runs", type=int, default=30, help="timed runs of a score and each board")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each statement, rolled back")
    return parser.parse_args()


def database_name(personas: int) -> str:
    return f"yayay_bench_recalc_{personas}"


def _fresh_enough(subjects: dict) -> bool:
    return (date.today() - date.fromisoformat(subjects["built_on"])).days < MAX_BUILD_AGE_DAYS


def main() -> None:
    args = arguments()
    os.environ.update(
        builds.environment(database=database_name(args.personas), redis_default="redis://127.0.0.1:6379/12")
    )
    django.setup()
    from django.core.management import call_command

    from benchmarks.recalculating import build, report, runner

    subjects = builds.database_ready(
        name=database_name(args.personas),
        personas=args.personas,
        version=BUILDER_VERSION,
        fill=lambda count: build.fill(count=count),
        rebuild=args.rebuild,
        migrate=args.migrate,
        still_fresh=_fresh_enough,
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    results = runner.run(
        subjects,
        runs=args.runs,
        workers=args.workers,
        naive_sample=args.naive_sample,
        naive_budget_seconds=args.naive_budget_seconds,
        request_runs=args.request_runs,
        explain=args.explain,
    )
    if results.plans:
        print(f"\n{report.plans_text(results)}")
    print(f"\n{report.table(results)}")
    print(json.dumps(report.summary(results)))


if __name__ == "__main__":
    main()
