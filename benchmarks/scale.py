"""The scale benchmark: how every list, search and detail request and a skill score behave with N personas.

Run: `make bench` (N from BENCH_PERSONAS, default 1,000,000), or
    .venv/bin/python benchmarks/scale.py --personas N [--rebuild | --migrate] [--runs K] [--load-seconds S]
        [--explain] [--only TEXT] [--budget-seconds B]

1. Builds `yayay_bench_<N>` (bulk SQL, as the services would store the rows; benchmarks/scaling/build.py)
   or reuses it when it holds the same build: same builder version, N and migrations (with --migrate, a
   build made with older migrations is migrated forward instead of rebuilt).
2. Measures each request in process with Django's test client under production settings: median and
   p95 of K runs after a warm-up, SQL queries, the slowest query (`--explain`: its EXPLAIN ANALYZE).
3. Load: gunicorn (2 workers) on 127.0.0.1 and `wrk -t2 -c8 -d<S>s` against the anonymous API list.
Then whether issue 7's targets are met (benchmarks/scaling/targets.py; growth against the last run with
10,000 personas here), and one JSON line: {"personas", "requests": {name: {"median_ms", "p95_ms", "queries"}},
"score_ms", "score_queries", "load": {"rps", "p99_ms"}}.

Environment: BENCH_POSTGRES_URL (the server; default postgres://root@127.0.0.1:5432/postgres) and
BENCH_REDIS_URL (the cache; default redis://127.0.0.1:6379/8). DATABASE_URL and REDIS_URL are ignored.
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

from benchmarks.scaling import builds
from benchmarks.scaling.database import database_name


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    builds.build_arguments(parser)
    parser.add_argument("--runs", type=int, default=10, help="timed runs per request (K)")
    parser.add_argument("--load-seconds", type=int, default=20, help="wrk duration; 0 skips the load run")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS) slowest queries")
    parser.add_argument("--only", default="", help="measure only requests whose name contains this")
    parser.add_argument(
        "--budget-seconds", type=float, default=120, help="fewer runs (3 at least) once they took this long"
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    env = builds.environment(database=database_name(args.personas), redis_default="redis://127.0.0.1:6379/8")
    os.environ.update(env)
    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from benchmarks.scaling import build, database, load, measure, report, targets

    subjects = builds.database_ready(
        name=database_name(args.personas),
        personas=args.personas,
        version=database.BUILDER_VERSION,
        fill=lambda count: build.fill(count=count),
        rebuild=args.rebuild,
        migrate=args.migrate,
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()  # the benchmark's own Redis database may hold another build's pages and access facts
    load_average = os.getloadavg()[0]
    print(
        f"\n{args.personas:,} personas, in process (production settings), {args.runs} runs each "
        f"(load average {load_average:.1f} on {os.cpu_count()} cores):"
    )
    print(report.HEADER)
    results = measure.measure_all(
        subjects,
        runs=args.runs,
        budget_seconds=args.budget_seconds,
        with_plans=args.explain,
        only=args.only,
        each=lambda measured: print(report.row(measured), flush=True),
    )
    if args.explain:
        print(f"\n{report.plans(results)}")
    loaded = load.load_run(env, seconds=args.load_seconds) if args.load_seconds else None
    summary = report.summary(args.personas, results, loaded)
    if results and not args.only:
        print("\n".join(["", *targets.lines(summary), ""]))
        targets.remember(summary)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
