import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def test_compose_runs_web_worker_beat_postgres_and_redis_with_health_checks():
    services = yaml.safe_load(COMPOSE.read_text())["services"]

    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert all("healthcheck" in service for service in services.values())
    assert "gunicorn" in services["web"]["command"]
    assert "media:/app/media" in services["web"]["volumes"]
    assert "shared_buffers" in services["db"]["command"] and "random_page_cost" in services["db"]["command"]


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed")
def test_compose_file_is_valid_for_docker_compose():
    result = subprocess.run(
        ["docker-compose", "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True, cwd=ROOT
    )

    assert result.returncode == 0, result.stderr
