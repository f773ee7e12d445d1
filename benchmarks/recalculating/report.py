"""The readable table of figures, ratios and targets, and the final JSON line."""

import os
import statistics
from dataclasses import dataclass

from benchmarks.recalculating.cases import BOARD_CASES, CACHED, SCORE_CASE
from benchmarks.scaling.measure import Measured

# The targets, set for a million personas on this 2-core machine.
TARGET_PERSONAS = 1_000_000
TARGET_SECONDS = 60
TARGET_NAIVE_RATIO = 50
TARGET_SQL_RATIO = 1.5
TARGET_SCORE_MS = 20
TARGET_BOARD_MS = 30
BOARD_CASE = f"{next(iter(BOARD_CASES))}, {CACHED}"  # the JSON's board_ms: the HTML page, as mostly served


@dataclass
class Results:
    personas: int
    first: dict  # the untimed first run of the day: timing.recalculation_timed()
    workers: int  # attributes recalculated at once (the Celery worker's concurrency)
    real_seconds: list[float]  # the whole recalculation (four attributes), each run
    one_worker_seconds: float  # the same, the attributes one after the other (one run)
    reconcile_all_seconds: float  # the same, every persona's facts recomputed from the scores (one run)
    bare_seconds: list[float]  # its statements alone, each run
    real_steps: dict[str, float]  # seconds by step (four attributes), median of the runs
    bare_steps: dict[str, float]
    plans: list[tuple[str, str]]  # (step, EXPLAIN ANALYZE) of the first attribute, when asked for
    work_mem: dict[str, dict]  # timing.rate_by_work_mem(): the first attribute's rate by work_mem
    naive: dict  # naive.naive_seconds()
    measured: list[Measured]  # the score and the boards
    board_entries: int
    placed: dict[str, int]  # tier label -> standings holding it after the recalculation
    load_averages: tuple[float, float]  # the machine's one-minute load average at the start and the end

    @property
    def seconds(self) -> float:
        return statistics.median(self.real_seconds)

    @property
    def sql_seconds(self) -> float:
        return statistics.median(self.bare_seconds)

    @property
    def naive_ratio(self) -> float:
        return self.naive["seconds"] / self.seconds

    @property
    def sql_ratio(self) -> float:
        return self.seconds / self.sql_seconds

    def case(self, name: str) -> Measured:
        return next(measured for measured in self.measured if measured.name == name)


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _row(figure: str, value: str, target: str = "", verdict: str = "") -> str:
    return f"{figure:<48} {value:>12}  {target:<18} {verdict}".rstrip()


def _seconds_verdict(results: Results) -> str:
    """Below a million personas, the same time per persona (a hint, not the target)."""
    limit = TARGET_SECONDS * results.personas / TARGET_PERSONAS
    verdict = _verdict(results.seconds <= limit)
    return verdict if results.personas == TARGET_PERSONAS else f"{verdict} pro rata ({limit:.1f} s)"


def _recalculation_rows(results: Results) -> list[str]:
    runs = ", ".join(f"{seconds:.2f}" for seconds in results.real_seconds)
    bare = ", ".join(f"{seconds:.2f}" for seconds in results.bare_seconds)
    naive = results.naive
    first = results.first
    return [
        _row(
            f"recalculation, 4 attributes on {results.workers} workers (median)",
            f"{results.seconds:.2f} s",
            f"<= {TARGET_SECONDS} s at 1M",
            _seconds_verdict(results),
        ),
        _row(f"  runs: {runs} s", ""),
        _row("  on one worker, one after the other (one run)", f"{results.one_worker_seconds:.2f} s"),
        _row("  reconciling every persona (one run)", f"{results.reconcile_all_seconds:.2f} s"),
        _row("  first run of the day (untimed)", f"{first['seconds']:.2f} s"),
        _row(f"  which {first['wrote']}", ""),
        _row("its SQL alone through psycopg (median)", f"{results.sql_seconds:.2f} s"),
        _row(f"  runs: {bare} s", ""),
        _row(
            "  sql_ratio (recalculation / its SQL)",
            f"{results.sql_ratio:.2f}",
            f"<= {TARGET_SQL_RATIO}",
            _verdict(results.sql_ratio <= TARGET_SQL_RATIO),
        ),
        _row(f"naive ORM loop, {naive['sample']} personas scaled", f"{naive['seconds']:,.0f} s"),
        _row(f"  per persona: {naive['per_persona_ms']:.1f} ms", ""),
        _row(
            "  naive_ratio (naive / recalculation)",
            f"{results.naive_ratio:,.0f}",
            f">= {TARGET_NAIVE_RATIO}",
            _verdict(results.naive_ratio >= TARGET_NAIVE_RATIO),
        ),
    ]


def _work_mem_rows(results: Results) -> list[str]:
    server, setting = results.work_mem["server"], results.work_mem["setting"]
    rows = [_row("rate, first attribute, by work_mem (EXPLAIN)", "")]
    for label, found in (("server's", server), ("the run's", setting)):
        spilled = f"{found['temp_written_blocks'] * 8 / 1024:,.1f} MB spilled"
        rows.append(_row(f"  {label} {found['work_mem']}: {spilled}", f"{found['ms'] / 1000:.2f} s"))
    rows.append(_row("  ratio (server's / the run's)", f"{server['ms'] / setting['ms']:.2f}"))
    return rows


def _request_rows(results: Results) -> list[str]:
    found = []
    for measured in results.measured:
        limit = TARGET_SCORE_MS if measured.name == SCORE_CASE else TARGET_BOARD_MS
        value, verdict = f"{measured.median_ms:.1f} ms", _verdict(measured.median_ms < limit)
        detail = f"{len(measured.times_ms)} runs, p95 {measured.p95_ms:.1f} ms, {measured.queries} queries"
        found += [_row(f"{measured.name} (median)", value, f"< {limit} ms", verdict), _row(f"  {detail}", "")]
    return found


def steps_table(results: Results) -> str:
    """Where the time goes: each step of the recalculation (four attributes), real and alone."""
    lines = [f"{'step (four attributes, median of the runs)':<48} {'real s':>8} {'alone s':>8}"]
    for step in dict.fromkeys([*results.real_steps, *results.bare_steps]):
        real, bare = results.real_steps.get(step), results.bare_steps.get(step)
        figures = [f"{value:>8.2f}" if value is not None else f"{'-':>8}" for value in (real, bare)]
        lines.append(f"{step:<48} {' '.join(figures)}")
    return "\n".join(lines)


def plans_text(results: Results) -> str:
    return "\n\n".join(f"EXPLAIN (ANALYZE, BUFFERS) of {step}:\n{plan}" for step, plan in results.plans)


def table(results: Results) -> str:
    placed = ", ".join(f"{label} {count:,}" for label, count in results.placed.items())
    start, end = results.load_averages
    heading = (
        f"Recalculation of {results.personas:,} personas x 4 attributes (targets set for "
        f"{TARGET_PERSONAS:,}; load average {start:.1f} at the start, {end:.1f} at the end, on "
        f"{os.cpu_count()} cores):"
    )
    lines = [heading, _row("figure", "value", "target", "verdict"), *_recalculation_rows(results)]
    lines += _work_mem_rows(results)
    lines += _request_rows(results)
    lines += [f"board pages hold {results.board_entries} entries; standings placed: {placed}"]
    return "\n".join([*lines, "", steps_table(results)])


def summary(results: Results) -> dict:
    score = results.case(SCORE_CASE)
    return {
        "personas": results.personas,
        "seconds": round(results.seconds, 2),
        "workers": results.workers,
        "runs_seconds": [round(seconds, 2) for seconds in results.real_seconds],
        "one_worker_seconds": round(results.one_worker_seconds, 2),
        "reconcile_all_seconds": round(results.reconcile_all_seconds, 2),
        "first_run_seconds": round(results.first["seconds"], 2),
        "sql_seconds": round(results.sql_seconds, 2),
        "sql_ratio": round(results.sql_ratio, 2),
        "naive_seconds": round(results.naive["seconds"], 1),
        "naive_sample": results.naive["sample"],
        "naive_ratio": round(results.naive_ratio, 1),
        "score_ms": round(score.median_ms, 1),
        "score_queries": score.queries,
        "board_ms": round(results.case(BOARD_CASE).median_ms, 1),
        "boards": {
            m.name: {"median_ms": round(m.median_ms, 1), "queries": m.queries}
            for m in results.measured
            if m.name != SCORE_CASE
        },
        "board_entries": results.board_entries,
        "placed": results.placed,
        "steps": {
            step: {
                "real": round(results.real_steps.get(step, 0), 3),
                "alone": round(results.bare_steps.get(step, 0), 3),
            }
            for step in dict.fromkeys([*results.real_steps, *results.bare_steps])
        },
        "rate_by_work_mem": results.work_mem,
        "load_averages": [round(load, 2) for load in results.load_averages],
    }
