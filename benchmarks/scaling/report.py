"""The readable table (a row as each request finishes), the plans, and the final JSON line."""

import re

from benchmarks.scaling.cases import SERVICE_SCORE
from benchmarks.scaling.measure import Measured

NAME_WIDTH = 42
SQL_WIDTH = 110
HEADER = (
    f"{'request':<{NAME_WIDTH}} {'median ms':>10} {'p95 ms':>9} {'runs':>4} {'queries':>7} {'slowest ms':>10}"
)


def shortened(sql: str, width: int = SQL_WIDTH) -> str:
    flat = re.sub(r"\s+", " ", sql).strip()
    return flat if len(flat) <= width else f"{flat[: width - 1]}…"


def row(measured: Measured) -> str:
    figures = (
        f"{measured.name:<{NAME_WIDTH}} {measured.median_ms:>10.1f} {measured.p95_ms:>9.1f} "
        f"{len(measured.times_ms):>4} {measured.queries:>7} {measured.slowest_ms:>10.1f}"
    )
    return f"{figures}\n{'':<{NAME_WIDTH}}   slowest: {shortened(measured.slowest_sql)}"


def plans(results: list[Measured]) -> str:
    return "\n\n".join(
        f"EXPLAIN (ANALYZE, BUFFERS) of the slowest query of {m.name} ({m.slowest_ms:.1f} ms):\n"
        f"{m.slowest_sql}\n{m.plan}"
        for m in results
        if m.plan
    )


def summary(personas: int, results: list[Measured], load: dict | None) -> dict:
    """The JSON line: {"personas", "requests": {name: {median_ms, p95_ms, queries}}, "score_ms",
    "score_queries", "load"}."""
    score = next((m for m in results if m.name == SERVICE_SCORE), None)
    return {
        "personas": personas,
        "requests": {
            m.name: {"median_ms": round(m.median_ms, 1), "p95_ms": round(m.p95_ms, 1), "queries": m.queries}
            for m in results
        },
        "score_ms": round(score.median_ms, 1) if score else None,
        "score_queries": score.queries if score else None,
        "load": load,
    }
