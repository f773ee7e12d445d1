import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.testing.databases import needs_postgresql

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "yayay.example.com",
    "DEBUG": "false",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_deploy_check_passes_with_the_documented_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_every_model_change_has_its_migration():
    result = _manage(
        "makemigrations", "--check", "--dry-run", env={"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_trusted_proxies_value_stops_start_up():
    for value in ("two", "-1"):
        result = _manage(
            "check", env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "TRUSTED_PROXIES": value}
        )

        assert result.returncode != 0
        assert f"TRUSTED_PROXIES is a number of proxies (0 or more), not “{value}”" in result.stderr


def test_production_serves_uploads_only_through_the_access_checking_view():
    code = "from django.urls import resolve; print(resolve('/media/personas/a.png').func.__module__)"

    result = _manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)

    assert result.stdout.strip() == "core.uploads.views", result.stderr


def test_production_keeps_database_connections():
    code = (
        "from django.db import connection; s = connection.settings_dict; "
        "print(s['CONN_MAX_AGE'], s['CONN_HEALTH_CHECKS'])"
    )

    result = _manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)

    assert result.stdout.split() == ["60", "True"], result.stderr


@needs_postgresql  # the bound is PostgreSQL's statement_timeout
@pytest.mark.parametrize(("process", "expected"), [("import config.wsgi; ", "30s"), ("", "0")])
def test_only_the_web_process_bounds_statement_time(process, expected):
    code = (
        f"{process}from django.db import connection; cursor = connection.cursor(); "
        "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])"
    )

    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION_ENV, "DATABASE_URL": os.environ["DATABASE_URL"]},
    )

    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("LLM_TIMEOUT_SECONDS", "soon", "LLM_TIMEOUT_SECONDS is a number of seconds above 0"),
        ("LLM_TIMEOUT_SECONDS", "0", "LLM_TIMEOUT_SECONDS is a number of seconds above 0"),
        ("PROMPTS_SCORER_TIMEOUT_SECONDS", "-5", "PROMPTS_SCORER_TIMEOUT_SECONDS is a number of seconds"),
        ("LLM_BASE_URL", "localhost:11434/v1", "LLM_BASE_URL is an http:// or https:// address"),
    ],
)
def test_a_bad_language_model_setting_stops_start_up(name, value, message):
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "config.settings.test", name: value})

    assert result.returncode != 0
    assert message in result.stderr
