"""A bounded load run: gunicorn (2 sync workers, production settings) on a free port of 127.0.0.1 against
the benchmark database, and `wrk -t2 -c8 -d<S>s --latency` on the anonymous API list (first page), after
a warm-up run of WARM_UP_SECONDS."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
URL_PATH = "/api/v1/personas/"
READY_SECONDS = 120
WARM_UP_SECONDS = 3
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {READY_SECONDS} s")


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * UNITS_MS[unit]


def wrk_parse(output: str) -> dict:
    """Requests per second, the 99th percentile latency, and what went wrong (non-2xx, socket errors)."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(rps.group(1)) if rps else None,
        "p99_ms": round(_milliseconds(*p99.groups()), 1) if p99 else None,
        "requests": int(total.group(1)) if total else None,
        "errors": (int(failed.group(1)) if failed else 0)
        + sum(map(int, sockets.groups() if sockets else ())),
    }


def load_run(env: dict[str, str], *, seconds: int) -> dict | None:
    """Serve, load, stop; prints wrk's report and returns its figures (None without wrk)."""
    if shutil.which("wrk") is None:
        print("wrk is missing (apt-get install -y wrk): no load run.")
        return None
    port = _free_port()
    url = f"http://127.0.0.1:{port}{URL_PATH}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    try:
        _wait_until_serving(url, server)
        # Each worker's first requests fill its caches (templates, URL resolvers, connections): a short
        # run first, so the figures are those of a server that has been up for a while.
        subprocess.run(["wrk", "-t2", "-c8", f"-d{WARM_UP_SECONDS}s", url], capture_output=True, check=True)
        wrk = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url]
        output = subprocess.run(wrk, capture_output=True, text=True, check=True).stdout
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(f"Load: gunicorn (2 workers) and {' '.join(wrk)}\n{output}")
    return wrk_parse(output)
