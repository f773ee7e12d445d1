"""One benchmark run on one database, in this order (each part sees the same data):

1. the recalculation once, untimed: today's first run (on a new build, the first run ever, which
   writes every standing); the timed runs then redo today's, as a second worker or a retry would;
2. K times, alternately, the recalculation and its statements alone (timing.py), the attributes on
   `workers` at once, as the daily Celery group runs; medians; then the recalculation once more on one
   worker (the attributes one after the other), and once with every persona's facts recomputed from
   the scores (`--reconcile-all`), for comparison;
3. optionally, EXPLAIN ANALYZE of each statement of the first attribute; then, always, its `rate` under
   the server's work_mem and under the recalculation's own (METRICS_RECALCULATION_WORK_MEM);
4. the leaderboard pages (HTML and API, order cached and recomputed) after the recalculation;
5. the naive loop on a sample, rolled back;
6. recording one skill score with its live update, on fresh answers.
"""

import os
import statistics
from collections import Counter

from django.db.models import Count

from benchmarks.recalculating import cases, naive, timing
from benchmarks.recalculating.report import Results
from benchmarks.scaling.measure import measure
from leveling.models import Attribute
from metrics.models import Standing
from metrics.tiers import Tier

REQUEST_BUDGET_SECONDS = 60


def wrote(summaries: list[dict]) -> str:
    """What the runs of the four attributes did, in words."""
    total = Counter()
    for summary in summaries:
        total.update({key: value for key, value in summary.items() if isinstance(value, int)})
    changes = sum(total[kind] for kind in ("promotions", "demotions", "band_moves", "entereds", "lefts"))
    return (
        f"rated {total['rated']:,} ({total['reconciled']:,} reconciled), wrote {total['written']:,} "
        f"standings and {total['snapshots']:,} "
        f"snapshots, {changes:,} tier changes"
    )


def _recalculated(workers: int, reconcile_all: bool = False) -> dict:
    timed = timing.recalculation_timed(workers=workers, reconcile_all=reconcile_all)
    return {**timed, "wrote": wrote(timed["summaries"])}


def recalculations(*, runs: int, workers: int, out) -> tuple[dict, list[dict], list[dict], dict, dict]:
    """(the untimed first run, the timed recalculations, the timed runs of its statements, one run on
    one worker, one run reconciling everyone)."""
    first = _recalculated(workers)
    out(f"  first run of the day (untimed): {first['seconds']:.2f} s; {first['wrote']}")
    real, bare = [], []
    for run in range(1, runs + 1):
        real.append(_recalculated(workers))
        out(
            f"  run {run}: recalculation on {workers} workers {real[-1]['seconds']:.2f} s; "
            f"{real[-1]['wrote']}"
        )
        bare.append(timing.statements_timed(workers=workers))
        out(f"  run {run}: its statements alone {bare[-1]['seconds']:.2f} s")
    alone = _recalculated(1)
    out(f"  recalculation on one worker: {alone['seconds']:.2f} s")
    everyone = _recalculated(workers, reconcile_all=True)
    out(
        f"  recalculation reconciling everyone, {workers} workers: {everyone['seconds']:.2f} s; "
        f"{everyone['wrote']}"
    )
    return first, real, bare, alone, everyone


def median_steps(timed: list[dict]) -> dict[str, float]:
    """Each step's median over the runs (in the order the steps ran)."""
    names = dict.fromkeys(name for run in timed for name in run["steps"])
    return {name: statistics.median(run["steps"].get(name, 0.0) for run in timed) for name in names}


def placed_counts() -> dict[str, int]:
    """Tier label -> standings holding it, best tier first."""
    placed = Standing.objects.filter(tier__isnull=False).values_list("tier").annotate(count=Count("pk"))
    return {Tier(tier).label: count for tier, count in placed.order_by("tier")}


def _requests(*, runs: int, out) -> tuple[list, int]:
    attribute = Attribute.objects.order_by("order").first()
    measured = []
    for case in cases.board_cases(attribute):
        measured.append(measure(case, runs=runs, budget_seconds=REQUEST_BUDGET_SECONDS, with_plan=False))
        out(f"  {case.name}: {measured[-1].median_ms:.1f} ms")
    return measured, cases.board_entries(attribute)


def run(
    subjects: dict,
    *,
    runs: int,
    workers: int,
    naive_sample: int,
    naive_budget_seconds: float,
    request_runs: int,
    explain: bool = False,
    out=print,
) -> Results:
    load_average = os.getloadavg()[0]
    personas = subjects["last_persona"] - subjects["first_persona"] + 1
    out(f"Recalculating {personas:,} personas (load average {load_average:.1f} on {os.cpu_count()} cores):")
    first, real, bare, one_worker, everyone = recalculations(runs=runs, workers=workers, out=out)
    plans = timing.statements_explained() if explain else []
    work_mem = timing.rate_by_work_mem()
    out(f"  rate, first attribute, by work_mem: {work_mem}")
    boards, entries = _requests(runs=request_runs, out=out)
    out(f"  naive loop on up to {naive_sample} personas...")
    slow = naive.naive_seconds(
        first=subjects["first_persona"],
        last=subjects["last_persona"],
        sample=naive_sample,
        budget_seconds=naive_budget_seconds,
    )
    score = cases.score_case(prompt_id=subjects["fresh_prompt"], reviewer=subjects["reviewer"])
    scored = measure(score, runs=request_runs, budget_seconds=REQUEST_BUDGET_SECONDS, with_plan=False)
    return Results(
        personas=personas,
        first=first,
        workers=workers,
        real_seconds=[timed["seconds"] for timed in real],
        one_worker_seconds=one_worker["seconds"],
        reconcile_all_seconds=everyone["seconds"],
        bare_seconds=[timed["seconds"] for timed in bare],
        real_steps=median_steps(real),
        bare_steps=median_steps(bare),
        plans=plans,
        work_mem=work_mem,
        naive=slow,
        measured=[scored, *boards],
        board_entries=entries,
        placed=placed_counts(),
        load_averages=(load_average, os.getloadavg()[0]),
    )
