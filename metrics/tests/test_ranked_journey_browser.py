"""A persona's climb, end to end in Chromium: a reviewer scores its answer on the review page and its
live position moves at once; an administrator runs the daily recalculation from the admin; its page and
the board show the new tier. Bands of 2/2/2 (conftest)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import log_in, log_out
from metrics.models import Standing
from metrics.services import standings_recalculate
from metrics.tiers import Tier
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def cognition_standing(page) -> str:
    return page.get_by_test_id("standing-cognition").inner_text()


@pytest.fixture
def climber(graduate, score, cognition, alice, settings):
    """Five rivals ahead of alice's persona, placed by yesterday's recalculation: it holds Bronze.
    The ladders are out of reach, so the bands alone move."""
    settings.METRICS_RANKED_LEVELS = (50, 60, 70, 80)
    for value in (10, 9, 6, 5, 4):
        score(graduate(name=f"Rival scored {value}"), value)
    persona = graduate(owner=alice, name="Climber")
    score(persona, 1)
    standings_recalculate(attribute=cognition, day=timezone.now().date() - timedelta(days=1))
    assert Standing.objects.get(persona=persona, attribute=cognition).tier == Tier.BRONZE
    return persona


def test_a_scored_answer_moves_the_live_position_and_the_daily_run_the_tier(
    page, live_server, climber, reviewers, superuser, cognition
):
    ARTIFACTS.mkdir(exist_ok=True)
    AnswerFactory(persona=climber, prompt=PromptFactory(title="A hard puzzle", skills=["reasoning"]))
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/personas/{climber.slug}/")
    before = cognition_standing(page)
    assert "T7 Bronze" in before and "live position #6 (approximate)" in before
    log_out(page)

    log_in(page, live_server, reviewers[0].username)
    page.goto(f"{live_server.url}/prompts/review/")
    page.get_by_role("link", name="Score the answer of Climber").click()
    page.get_by_label("Reasoning (weight 1.0)").fill("10")
    page.get_by_role("button", name="Save scores").click()
    assert "Scores saved" in page.inner_text("main")
    log_out(page)

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/personas/{climber.slug}/")
    moved = cognition_standing(page)
    assert "T7 Bronze" in moved and "live position #3 (approximate)" in moved  # bands wait for the day
    log_out(page)

    log_in(page, live_server, superuser.username)
    page.goto(f"{live_server.url}/admin/metrics/recalculationrun/")
    page.get_by_role("button", name="Run the daily recalculation now").click()
    assert "The daily recalculation is queued" in page.inner_text("body")
    log_out_of_admin(page, live_server)

    log_in(page, live_server, "alice")
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/personas/{climber.slug}/")
        assert "T6 Silver" in cognition_standing(page)
        page.screenshot(path=ARTIFACTS / f"ranked-climb-{size}.png", full_page=True)
        page.get_by_role("link", name="Show it on the Silver board").click()
        row = page.get_by_role("row").filter(has_text="Climber")
        assert row.get_by_role("cell").first.inner_text() == "3"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def log_out_of_admin(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
