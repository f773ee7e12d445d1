"""The recalculation timed two ways on the same data: the real one (`standings_recalculate` of each
attribute, with its run rows, locks, commits and after-commit work), and its statements alone
(`recalculation_statements`) sent through the psycopg connection under Django's, with psycopg's own
cursor, one transaction per attribute rolled back, so the next run sees the data unchanged. Both are
broken down by statement (seconds summed over the attributes).

Both run the attributes on `workers` threads at once, each with its own database connection, as the
daily Celery group runs its four tasks on a worker started with `--concurrency=2` (docker-compose.yml);
one worker runs them one after the other, as `manage.py recalculate_ratings` does."""

import re
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from leveling.models import Attribute
from metrics.policy import metrics_policy
from metrics.services import standings_recalculate
from metrics.services.recalculation_sql import STEP_NAMES, recalculation_statements

START = "start (run row, lock)"
AFTER_COMMIT = "ranked_sizes (real: + positions, boards)"
EXPLAINABLE = re.compile(r"^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|CREATE\s+TEMPORARY\s+TABLE)\b", re.I)


def step_label(step: str) -> str:
    """The last statement runs after commit; the real run's time there includes what follows it."""
    return AFTER_COMMIT if step == STEP_NAMES[-1] else step


class StepClock:
    """The recalculation's `progress(step)`: the time until the next step goes to the step announced.
    What precedes the first step goes to START; the last step of an attribute (after its commit) also
    carries the update of its live positions (the members the run moved), the boards' drop and the
    next attribute's run row and lock (a few milliseconds)."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.current, self.since = START, time.perf_counter()

    def __call__(self, step: str) -> None:
        self._close()
        self.current = step

    def _close(self) -> None:
        now = time.perf_counter()
        self.seconds[step_label(self.current)] += now - self.since
        self.since = now

    def finish(self) -> dict[str, float]:
        self._close()
        return dict(self.seconds)


def _on_workers(work: Callable, items: list, workers: int) -> tuple[float, list]:
    """(wall-clock seconds, each item's result) of `work(item)` on `workers` threads, each thread's
    database connection closed when its work is done, as a Celery task's is; one worker runs them here,
    on this thread's connection (inside its transaction, if any)."""

    def in_thread(item):
        try:
            return work(item)
        finally:
            connection.close()

    began = time.perf_counter()
    if workers == 1:
        results = [work(item) for item in items]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(in_thread, items))
    return time.perf_counter() - began, results


def _summed(step_seconds: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for seconds in step_seconds:
        for step, value in seconds.items():
            total[step] += value
    return dict(total)


def _attribute_recalculated(attribute: Attribute, reconcile_all: bool) -> tuple[dict, dict[str, float]]:
    clock = StepClock()
    summary = standings_recalculate(attribute=attribute, progress=clock, reconcile_all=reconcile_all)
    return summary.as_dict(), clock.finish()


def recalculation_timed(*, workers: int, reconcile_all: bool = False) -> dict:
    """{"seconds", "steps": seconds by step, "summaries": each attribute's summary}."""
    attributes = list(Attribute.objects.all())
    seconds, results = _on_workers(
        partial(_attribute_recalculated, reconcile_all=reconcile_all), attributes, workers
    )
    return {
        "seconds": seconds,
        "steps": _summed([steps for _, steps in results]),
        "summaries": [summary for summary, _ in results],
    }


def _statements_by_attribute() -> dict[int, list[tuple[str, str, dict]]]:
    """attribute id -> (step, SQL, parameters) in order, for today as the real run has it."""
    day, as_of, policy = timezone.now().date(), timezone.now(), metrics_policy()
    return {
        attribute_id: [
            (step, sql, params)
            for step, (sql, params) in zip(
                STEP_NAMES,
                recalculation_statements(attribute_id=attribute_id, day=day, as_of=as_of, policy=policy),
                strict=True,
            )
        ]
        for attribute_id in Attribute.objects.values_list("pk", flat=True)
    }


def _statements_run(statements: list[tuple[str, str, dict]]) -> dict[str, float]:
    steps: dict[str, float] = defaultdict(float)
    with transaction.atomic():
        with connection.connection.cursor() as cursor:  # psycopg's cursor: no Django in between
            for step, sql, params in statements:
                began = time.perf_counter()
                cursor.execute(sql, params)
                steps[step_label(step)] += time.perf_counter() - began
        transaction.set_rollback(True)
    return steps


def statements_timed(*, workers: int) -> dict:
    """{"seconds", "steps"}: every attribute's statements, one rolled-back transaction each, on as many
    workers as the real run."""
    statements = list(_statements_by_attribute().values())
    seconds, steps = _on_workers(_statements_run, statements, workers)
    return {"seconds": seconds, "steps": _summed(steps)}


def statements_explained() -> list[tuple[str, str]]:
    """(step, EXPLAIN (ANALYZE, BUFFERS) output, or what ran unexplained) for the first attribute's
    statements, executed in order in a transaction rolled back."""
    first = next(iter(_statements_by_attribute().values()))
    plans = []
    with transaction.atomic():
        with connection.connection.cursor() as cursor:
            for step, sql, params in first:
                if EXPLAINABLE.match(sql):
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                    plans.append((step, "\n".join(row[0] for row in cursor.fetchall())))
                else:
                    cursor.execute(sql, params)
                    plans.append((step, f"(ran, not explainable: {sql[:60]})"))
        transaction.set_rollback(True)
    return plans


def rate_by_work_mem() -> dict[str, dict]:
    """The first attribute's `rate` under the server's work_mem and under METRICS_RECALCULATION_WORK_MEM,
    on the same data: {"server" | "setting": {"work_mem", "ms", "temp_written_blocks"}}, from EXPLAIN
    (ANALYZE, BUFFERS) (blocks of 8 kB that its sorts, hashes and CTEs spilled), each in a transaction
    rolled back."""
    first = next(iter(_statements_by_attribute().values()))
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")  # outside the recalculation's transaction: the server's own
        server = cursor.fetchone()[0]
    found = {}
    for label, work_mem in (("server", server), ("setting", settings.METRICS_RECALCULATION_WORK_MEM)):
        with transaction.atomic():
            with connection.connection.cursor() as cursor:
                for step, sql, params in first:
                    if step == "rate":
                        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
                        [explained] = cursor.fetchone()[0]
                        found[label] = {
                            "work_mem": work_mem,
                            "ms": round(explained["Execution Time"], 1),
                            "temp_written_blocks": explained["Plan"].get("Temp Written Blocks", 0),
                        }
                        break
                    cursor.execute(sql, {**params, "work_mem": work_mem})
            transaction.set_rollback(True)
    return found
