"""The scale benchmark says which of issue 7's targets a run met, and which request missed one."""

from benchmarks.scaling import targets


def summary(personas: int, requests: dict[str, float], score=(13.0, 15), load=None) -> dict:
    return {
        "personas": personas,
        "requests": {name: {"median_ms": ms, "p95_ms": ms, "queries": 5} for name, ms in requests.items()},
        "score_ms": score[0],
        "score_queries": score[1],
        "load": load,
    }


SMALL = {"API list, logged in": 14.0, "HTML list, anonymous": 0.4, "record one skill score, API": 20.0}


def test_a_run_within_every_target_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(targets, "RESULTS", tmp_path)
    targets.remember(summary(10_000, SMALL))
    run = summary(
        1_000_000,
        {"API list, logged in": 18.0, "HTML list, anonymous": 0.8, "record one skill score, API": 40.0},
        load={"rps": 1674.2, "p99_ms": 7.7},
    )

    assert targets.lines(run)[1:] == [
        "- every list, search and detail request under 30 ms median: met "
        "(slowest: API list, logged in, 18.0 ms)",
        "- growth from 10,000 personas under 1.5x: met (largest: API list, logged in, 1.29x)",
        "- recording a score (record one skill score, service) under 20 ms in at most 15 queries: met "
        "(13.0 ms, 15 queries)",
        "- anonymous list under gunicorn, at least 300 requests/s with p99 under 100 ms: met "
        "(1,674 requests/s, p99 7.7 ms)",
    ]


def test_each_missed_target_names_what_missed_it(tmp_path, monkeypatch):
    monkeypatch.setattr(targets, "RESULTS", tmp_path)
    targets.remember(summary(10_000, SMALL))
    run = summary(
        1_000_000,
        {"API list, logged in": 31.0, "HTML list, anonymous": 0.9},
        score=(19.0, 16),
        load={"rps": 250.0, "p99_ms": 40.0},
    )

    checks = targets.lines(run)[1:]

    assert checks[0].endswith("MISSED (slowest: API list, logged in, 31.0 ms)")
    assert checks[1].endswith("MISSED (largest: API list, logged in, 2.21x)")  # the cached page is flat
    assert "MISSED (19.0 ms, 16 queries)" in checks[2]
    assert "MISSED (250 requests/s" in checks[3]


def test_without_a_small_run_growth_is_not_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(targets, "RESULTS", tmp_path)

    checks = targets.lines(summary(1_000_000, SMALL))

    assert "growth from 10,000 personas: not checked" in checks[2]
    assert checks[-1] == "- load run: not run"
