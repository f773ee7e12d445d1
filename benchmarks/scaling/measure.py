"""Time each case: one warm-up, then K timed runs (fewer when a request is so slow that their time would
exceed the budget, but at least three), then one more run capturing its SQL queries: their number and
the slowest, whose EXPLAIN (ANALYZE, BUFFERS) can be asked for."""

import math
import re
import statistics
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from benchmarks.scaling.cases import Case, cases_all

MIN_RUNS = 3
EXPLAINABLE = re.compile(r"^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@dataclass
class Measured:
    name: str
    times_ms: list[float]
    queries: int
    slowest_ms: float
    slowest_sql: str
    plan: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]


def _timed(case: Case, *, runs: int, budget_seconds: float) -> list[float]:
    times = []
    while len(times) < runs and (len(times) < MIN_RUNS or sum(times) < budget_seconds * 1000):
        case.prepare()
        start = time.perf_counter()
        case.call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _captured(case: Case) -> list[dict]:
    case.prepare()
    with CaptureQueriesContext(connection) as captured:
        case.call()
    return captured.captured_queries


def explain(sql: str) -> str:
    """The plan of one statement, executed and rolled back (writes included)."""
    if not EXPLAINABLE.match(sql):
        return f"(not explainable: {sql[:60]})"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def measure(case: Case, *, runs: int, budget_seconds: float, with_plan: bool) -> Measured:
    case.prepare()
    case.call()  # warm-up
    times = _timed(case, runs=runs, budget_seconds=budget_seconds)
    queries = _captured(case)
    slowest = max(queries, key=lambda query: float(query["time"]), default={"sql": "", "time": "0"})
    return Measured(
        name=case.name,
        times_ms=times,
        queries=len(queries),
        slowest_ms=float(slowest["time"]) * 1000,
        slowest_sql=slowest["sql"],
        plan=explain(slowest["sql"]) if with_plan and slowest["sql"] else "",
    )


def measure_all(
    subjects: dict, *, runs: int, budget_seconds: float, with_plans: bool, only: str = "", each=None
) -> list[Measured]:
    """Measure every case (or those named with `only`); `each(measured)` is called as each finishes."""
    results = []
    for case in cases_all(subjects, only=only):
        results.append(measure(case, runs=runs, budget_seconds=budget_seconds, with_plan=with_plans))
        if each is not None:
            each(results[-1])
    return results
