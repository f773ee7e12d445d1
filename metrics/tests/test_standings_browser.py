"""A persona's standings in Chromium, on a desktop and on a 390 px phone: the section fits the screen,
the rating chart's labels stay legible however narrow its column, its table opens, and axe finds no
serious violation on the persona's page or its progress page."""

from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings

from core.tests.test_accessibility import blocking_violations
from metrics.models import StandingSnapshot
from metrics.tests.test_boards_browser import overflowing, signed_in
from metrics.tiers import Tier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
HISTORY = [(date(2026, 1, 1), 1750.25, Tier.BRONZE), (date(2026, 1, 4), 1980, Tier.SILVER)]
HISTORY += [(date(2026, 1, 9), 2345.5, Tier.GOLD)]


@pytest.fixture
def climber(on_board, cognition, alice):
    """Alice's Gold persona with three days of Cognition history."""
    persona = on_board(Tier.GOLD, rating=2345.5, owner=alice, name="Climber with a rather long name").persona
    for day, rating, tier in HISTORY:
        StandingSnapshot.objects.create(
            persona=persona, attribute=cognition, day=day, rating=rating, tier=tier
        )
    return persona


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("path", ["/personas/{slug}/", "/progress/{slug}/"])
def test_the_standings_fit_the_screen_and_the_chart_reads_at_its_size(
    live_server, page, climber, screen, path
):
    page.set_viewport_size(SCREENS[screen])
    page.goto(f"{live_server.url}{path.format(slug=climber.slug)}")

    section = page.get_by_test_id("standings")
    assert section.get_by_text("Best tier: T5 Gold").is_visible()
    chart = page.get_by_role("img", name="Cognition rating of Climber with a rather long name, by day")
    box = chart.bounding_box()
    assert box["width"] > 250 and box["x"] + box["width"] <= SCREENS[screen]["width"]
    label_heights = page.eval_on_selector_all(
        ".rating-chart .label", "labels => labels.map(label => label.getBoundingClientRect().height)"
    )
    assert len(label_heights) == 6 and min(label_heights) >= 10  # top, axis start, four dates (core.charts)
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    assert overflowing(page) == []
    section.get_by_text("Rating history as a table").click()
    rows = section.get_by_role("table").get_by_role("row")
    assert rows.count() == 4 and "2,345.50" in rows.nth(3).inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    name = "persona" if path.startswith("/personas/") else "progress"
    section.screenshot(path=str(ARTIFACTS / f"standings-{name}-{screen}.png"))


def test_the_standings_have_no_serious_accessibility_violations(live_server, page, on_board, climber, alice):
    on_board(Tier.WATCHERS, rating=2800, rank=1, owner=alice, name="Ranked One")
    signed_in(page, live_server, alice)
    axe, problems = Axe(), {}

    for path in (f"/personas/{climber.slug}/", f"/progress/{climber.slug}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_test_id("headline-tier").is_visible()
        if found := blocking_violations(axe, page):
            problems[path] = found

    assert problems == {}
