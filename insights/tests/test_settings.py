import os
import subprocess
import sys

from django.conf import settings


def _start_with(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.base"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_unknown_analyzer_stops_start_up():
    failed = _start_with(INSIGHTS_ANALYZER="magic")
    assert failed.returncode != 0
    assert 'INSIGHTS_ANALYZER must be "offline" or "llm"' in failed.stderr
    assert _start_with(INSIGHTS_ANALYZER="llm").returncode == 0
