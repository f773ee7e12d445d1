"""Issue 7's targets, checked against a run's summary (report.summary) and printed before its JSON line.

Growth is measured against the last run with 10,000 personas on this machine (kept in the system's
temporary directory, like the builds' static files); an answer that grew by less than a millisecond (a
cached page: 0.4 -> 0.8 ms is noise, not growth) counts as flat.
"""

import json
import tempfile
from pathlib import Path

from benchmarks.scaling.cases import SERVICE_SCORE

REQUEST_MS = 30.0
GROWTH = 1.5
GROWTH_BASE_PERSONAS = 10_000
FLAT_BELOW_MS = 1.0
SCORE_MS, SCORE_QUERIES = 20.0, 15
LOAD_RPS, LOAD_P99_MS = 300, 100.0
RESULTS = Path(tempfile.gettempdir()) / "yayay-bench-results"


def remember(summary: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"scale-{summary['personas']}.json").write_text(json.dumps(summary))


def remembered(personas: int) -> dict | None:
    path = RESULTS / f"scale-{personas}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _requests(summary: dict) -> dict:
    """The list, search and detail requests (the scores have their own target)."""
    return {name: row for name, row in summary["requests"].items() if not name.startswith("record one")}


def _request_line(summary: dict) -> str:
    requests = _requests(summary)
    slowest = max(requests, key=lambda name: requests[name]["median_ms"])
    median = requests[slowest]["median_ms"]
    verdict = _verdict(median < REQUEST_MS)
    return (
        f"every list, search and detail request under {REQUEST_MS:.0f} ms median: {verdict}"
        f" (slowest: {slowest}, {median} ms)"
    )


def _growth_line(summary: dict, base: dict | None) -> str:
    if base is None:
        return f"growth from {GROWTH_BASE_PERSONAS:,} personas: not checked (no run with that many here yet)"
    ratios = {}
    for name, row in _requests(summary).items():
        before = base["requests"].get(name)
        if before and row["median_ms"] - before["median_ms"] >= FLAT_BELOW_MS:
            ratios[name] = row["median_ms"] / before["median_ms"]
    if not ratios:
        return f"growth from {GROWTH_BASE_PERSONAS:,} personas under {GROWTH}x: met (none grew by 1 ms)"
    largest = max(ratios, key=ratios.get)
    return (
        f"growth from {GROWTH_BASE_PERSONAS:,} personas under {GROWTH}x: {_verdict(ratios[largest] < GROWTH)}"
        f" (largest: {largest}, {ratios[largest]:.2f}x)"
    )


def _score_line(summary: dict) -> str:
    if summary["score_ms"] is None:
        return "recording a score: not measured"
    met = summary["score_ms"] < SCORE_MS and summary["score_queries"] <= SCORE_QUERIES
    return (
        f"recording a score ({SERVICE_SCORE}) under {SCORE_MS:.0f} ms in at most {SCORE_QUERIES} queries: "
        f"{_verdict(met)} ({summary['score_ms']} ms, {summary['score_queries']} queries)"
    )


def _load_line(load: dict | None) -> str:
    if not load:
        return "load run: not run"
    met = load["rps"] >= LOAD_RPS and load["p99_ms"] < LOAD_P99_MS
    return (
        f"anonymous list under gunicorn, at least {LOAD_RPS} requests/s with p99 under {LOAD_P99_MS:.0f} ms: "
        f"{_verdict(met)} ({load['rps']:,.0f} requests/s, p99 {load['p99_ms']} ms)"
    )


def lines(summary: dict) -> list[str]:
    checks = [_request_line(summary), _score_line(summary), _load_line(summary["load"])]
    if summary["personas"] != GROWTH_BASE_PERSONAS:
        checks.insert(1, _growth_line(summary, remembered(GROWTH_BASE_PERSONAS)))
    return [f"Targets (set for 1,000,000 personas), at {summary['personas']:,}:", *(f"- {c}" for c in checks)]
