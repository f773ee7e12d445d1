"""The leaderboard pages in Chromium at a phone's width (390 px): nothing wider than the screen, each
entry's position, persona and rating visible side by side."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client

from core.tests.test_accessibility import blocking_violations
from metrics.tiers import Tier
from persona.models import Visibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(django_settings.BASE_DIR) / "test-artifacts"
BOARD = "/leaderboards/cognition/"


def signed_in(page, live_server, user) -> None:
    """The browser carries a session of the user (no log-in form needed here)."""
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": live_server.url}])


def overflowing(page) -> list[str]:
    """Elements whose right edge passes the viewport's."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
             .map(el => el.tagName + '.' + el.className)"""
    )


def test_a_board_fits_a_390_px_phone(live_server, page, on_board, settings, alice):
    settings.METRICS_BAND_SIZES = (10, 2, 2)
    on_board(
        Tier.GOLD, rating=2987.65, owner=alice, name="Averyveryverylongpersonanamethatdoesnotbreakanywhere"
    )
    for number in range(1, 8):
        on_board(Tier.GOLD, rating=2500 - number, name=f"Persona with a rather long name number {number}")
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}{BOARD}")

    first = page.get_by_role("row").nth(1)
    cells = [first.get_by_role("cell").nth(index).bounding_box() for index in range(3)]
    assert first.get_by_role("cell").nth(0).inner_text() == "1"
    assert first.get_by_role("link", name="Averyveryverylongpersonanamethatdoesnotbreakanywhere").is_visible()
    assert "2,987.65" in first.inner_text()
    assert all(cell["x"] >= 0 and cell["x"] + cell["width"] <= PHONE["width"] for cell in cells)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert overflowing(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "leaderboard-390.png"), full_page=True)


def test_the_overview_and_the_ladder_fit_a_390_px_phone(live_server, page, on_board):
    on_board(Tier.SINGULARITY, rating=2900, rank=1, name="The Singular One")
    on_board(Tier.GOLD, rating=2500, name="Golden")
    page.set_viewport_size(PHONE)

    ARTIFACTS.mkdir(exist_ok=True)
    for path, name in (("/leaderboards/", "leaderboards"), ("/leaderboards/cognition/ladder/", "ladder")):
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_text("The Singular One").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert overflowing(page) == [], path
        page.screenshot(path=str(ARTIFACTS / f"{name}-390.png"), full_page=True)


def test_boards_with_entries_have_no_serious_accessibility_violations(live_server, page, on_board, alice):
    """The demo data of core's axe test may hold no standings; these pages have entries, a chart with
    counts, a search and the viewer's own personas."""
    on_board(Tier.SINGULARITY, rating=2900, rank=1, owner=alice, name="Alice's Singular")
    on_board(Tier.GOLD, rating=2500, owner=alice, name="Alice's Gold")
    on_board(Tier.SILVER, rating=2000, owner=alice, visibility=Visibility.PRIVATE, name="Alice's Secret")
    signed_in(page, live_server, alice)
    axe, problems = Axe(), {}

    paths = ["/leaderboards/", BOARD, f"{BOARD}?band=silver&q=x", f"{BOARD}?band=nope", f"{BOARD}ladder/"]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("details.account-menu > summary").inner_text().startswith(alice.username)
        if found := blocking_violations(axe, page):
            problems[path] = found

    assert problems == {}
