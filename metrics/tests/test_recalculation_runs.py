"""How the daily recalculation is run: its lock against a second worker, the Celery tasks on a real
worker, the beat schedule, and the command."""

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from core.testing.databases import needs_postgresql
from leveling.models import Attribute
from metrics.models import RankedTierSize, RecalculationRun, Standing
from metrics.services import RecalculationBusy, standings_recalculate
from metrics.tiers import Tier


def today():
    """The day as the code under test sees it (not frozen at import: a run may cross midnight)."""
    return timezone.now().date()


@pytest.fixture
def scored_field(graduate, score):
    personas = [graduate(name=name) for name in ("Ada", "Brook", "Cyd")]
    for value, persona in zip((9, 8, 7), personas, strict=True):
        score(persona, value)
    return personas


@needs_postgresql  # the lock is a row lock, which SQLite has not
@pytest.mark.django_db(transaction=True)
def test_a_second_worker_on_the_same_attribute_and_day_is_refused(scored_field, cognition):
    holding, release, outcome = threading.Event(), threading.Event(), {}

    def hold_the_lock(step):
        if step == "cut_bands":
            holding.set()
            release.wait(timeout=30)

    def first_worker():
        try:
            outcome["first"] = standings_recalculate(attribute=cognition, progress=hold_the_lock)
        finally:
            connection.close()

    worker = threading.Thread(target=first_worker)
    worker.start()
    try:
        assert holding.wait(timeout=30)
        with pytest.raises(RecalculationBusy, match="another worker"):
            standings_recalculate(attribute=cognition)
        assert not Standing.objects.filter(attribute=cognition, tier__isnull=False).exists()
    finally:
        release.set()
        worker.join(timeout=30)

    assert outcome["first"].count("entered") == 3
    assert (
        RecalculationRun.objects.get(attribute=cognition, day=today()).status == RecalculationRun.Status.DONE
    )


def _standings_and_sizes():
    standings = Standing.objects.order_by("persona_id", "attribute_id")
    sizes = RankedTierSize.objects.filter(day=today()).order_by("tier")
    return (
        list(standings.values_list("persona_id", "attribute_id", "rating", "tier", "rank", "eligible")),
        list(sizes.values_list("tier", "personas")),
    )


@needs_postgresql  # SQLite writes one at a time
@pytest.mark.django_db(transaction=True)
def test_workers_recalculating_the_four_attributes_at_once_leave_what_one_worker_leaves(scored_field):
    """As the daily group runs on a worker with --concurrency=2 or more: every attribute's run in its own
    thread and connection, all inside their transactions at the same moment."""
    attributes = list(Attribute.objects.all())
    all_rating = threading.Barrier(len(attributes), timeout=30)
    failures = []

    def worker(attribute):
        try:
            standings_recalculate(
                attribute=attribute, progress=lambda step: step == "cut_bands" and all_rating.wait()
            )
        except Exception as error:  # reported below, with the attribute
            failures.append((attribute.slug, error))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(attributes)) as pool:
        list(pool.map(worker, attributes))
    at_once = _standings_and_sizes()
    for attribute in attributes:  # the same day again, one after the other
        standings_recalculate(attribute=attribute)

    assert failures == []
    assert RecalculationRun.objects.filter(day=today(), status=RecalculationRun.Status.DONE).count() == 4
    assert at_once == _standings_and_sizes()
    assert {tier for _, _, _, tier, _, _ in at_once[0]} >= {Tier.GOLD, Tier.SILVER}


def work_mem() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        return cursor.fetchone()[0]


@needs_postgresql  # work_mem is PostgreSQL's setting
@pytest.mark.django_db(transaction=True)
def test_the_recalculation_sorts_with_its_own_work_mem_and_leaves_the_server_s_to_others(
    scored_field, cognition, settings
):
    settings.METRICS_RECALCULATION_WORK_MEM = "12MB"
    server, during = work_mem(), {}

    def look(step):
        during.setdefault(step, work_mem())

    standings_recalculate(attribute=cognition, progress=look)

    assert server != "12MB"
    assert during["rate"] == during["update_standings"] == "12MB"
    assert work_mem() == server  # once committed, this connection is back to the server's


def test_a_work_mem_that_is_not_a_size_stops_the_start_with_a_clear_message():
    script = "import django; django.setup()"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "METRICS_RECALCULATION_WORK_MEM": "lots",
    }
    printed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert printed.returncode != 0
    assert "METRICS_RECALCULATION_WORK_MEM is a size such as 64MB" in printed.stderr


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_daily_task_recalculates_the_four_attributes_on_a_real_worker(
    celery_worker_on_redis, scored_field, cognition
):
    from metrics.tasks import standings_recalculate_daily

    standings_recalculate_daily.delay()

    deadline = time.monotonic() + 60
    done = RecalculationRun.objects.filter(day=today(), status=RecalculationRun.Status.DONE)
    while done.count() < Attribute.objects.count() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert done.count() == Attribute.objects.count() == 4
    tiers = Standing.objects.filter(attribute=cognition).order_by("-rating").values_list("tier", flat=True)
    assert list(tiers) == [Tier.GOLD, Tier.GOLD, Tier.SILVER]
    assert done.get(attribute=cognition).summary["entereds"] == 3


def test_beat_runs_the_daily_task_at_the_configured_time():
    from config.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["metrics-daily-recalculation"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {settings.METRICS_RECALCULATE_AT.hour}
    assert entry["schedule"].minute == {settings.METRICS_RECALCULATE_AT.minute}


def test_operators_move_the_daily_run_with_an_environment_variable():
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "s = settings.CELERY_BEAT_SCHEDULE['metrics-daily-recalculation']['schedule']; "
        "print(json.dumps([sorted(s.hour), sorted(s.minute)]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "METRICS_RECALCULATE_AT": "04:45"}
    printed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout) == [[4], [45]]


@pytest.mark.django_db
def test_the_command_recalculates_one_attribute_and_prints_what_changed(scored_field, cognition):
    out, err = StringIO(), StringIO()

    call_command("recalculate_ratings", "--attribute", "cognition", stdout=out, stderr=err)

    printed = out.getvalue()
    assert f"Cognition on {today()}: 3 rated" in printed and "3 took a place" in printed
    assert "Ada: T8 Paper → T5 Gold" in printed and "Cyd: T8 Paper → T6 Silver" in printed
    assert "Cognition" in err.getvalue()  # the progress bar
    assert RecalculationRun.objects.filter(day=today()).count() == 1


@pytest.mark.django_db
def test_the_command_recalculates_a_past_day_when_asked(scored_field):
    yesterday = today() - timedelta(days=1)

    call_command("recalculate_ratings", "--date", yesterday.isoformat(), stdout=StringIO(), stderr=StringIO())

    assert set(RecalculationRun.objects.values_list("day", flat=True)) == {yesterday}
    assert RecalculationRun.objects.count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--date", "yesterday"], "--date must be a day as YYYY-MM-DD"),
        (["--date", (today() + timedelta(days=30)).isoformat()], "is in the future"),
        (["--attribute", "charisma"], "--attribute must be one of cognition"),
    ],
)
def test_the_command_refuses_bad_arguments_clearly(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("recalculate_ratings", *arguments, stdout=StringIO(), stderr=StringIO())
    assert not RecalculationRun.objects.exists()
