"""End to end in headless Chromium, at a desktop's and a 390 px phone's width: another user likes and
comments on a persona's post, and its owner sees the bell's count, the notifications, the counts, the
comment and its popularity. Screenshots go to test-artifacts/."""

from pathlib import Path

import pytest

from accounts.tests.factories import UserFactory
from conftest import log_in, log_out
from content.tests.factories import ContentItemFactory
from core.tests.test_accessibility import blocking_violations
from persona.tests.factories import PersonaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def fits(page, size) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= size["width"]


def snap(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"content-{name}.png"), full_page=True)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_fan_likes_and_comments_and_the_owner_sees_the_counts(live_server, page, size):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size(SIZES[size])
    alice, _ = UserFactory(username="alice"), UserFactory(username="bob")
    nova = PersonaFactory(owner=alice, name="Nova the Guide")
    ContentItemFactory(persona=nova, title="Reading the night sky", body="Start with the Plough.")

    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/content/")
    page.get_by_role("link", name="Reading the night sky").click()
    page.get_by_role("button", name="Like").click()
    assert page.get_by_role("button", name="Liked").get_attribute("aria-pressed") == "true"
    page.get_by_label("Your comment").fill("Found it on my first try!")
    page.get_by_role("button", name="Post comment").click()
    assert "Your comment is posted." in page.inner_text("main")
    assert fits(page, SIZES[size])
    snap(page, f"1-fan-{size}")
    log_out(page)

    log_in(page, live_server, "alice")
    bell = page.locator(".site-header .bell")
    assert bell.get_attribute("data-unread") == "2"  # the like and the comment
    assert bell.locator(".badge").is_visible() and "2 unread" in " ".join(bell.inner_text().split())
    bell.click()
    listed = " ".join(page.locator(".notifications").inner_text().split())
    assert "bob commented on Nova the Guide" in listed and "bob liked Nova the Guide" in listed
    assert fits(page, SIZES[size]) and blocking_violations(Axe(), page) == []
    snap(page, f"2-notifications-{size}")
    page.get_by_role("button", name="Mark all read").click()
    assert bell.get_attribute("data-unread") == "0" and bell.locator(".badge").count() == 0
    page.goto(f"{live_server.url}{nova.get_absolute_url()}")
    panel = page.get_by_test_id("content-panel")
    assert "1 view · 1 like · 1 comment · 0 shares" in " ".join(panel.inner_text().split())
    panel.get_by_role("link", name="Reading the night sky").click()
    counts = " ".join(page.locator(".content-counts").inner_text().split())
    assert counts == "1 view · 1 like · 1 comment · 0 shares"  # her own visit counts for nothing
    assert page.get_by_text("Found it on my first try!").is_visible()
    assert page.get_by_role("button", name="Hide the comment of bob").is_visible()
    assert fits(page, SIZES[size]) and blocking_violations(Axe(), page) == []
    snap(page, f"3-owner-{size}")

    page.get_by_role("link", name="All content of Nova the Guide").click()
    assert page.get_by_test_id("popularity").inner_text() == "3.2"  # 0.2 × 1 view + 1 like + 2 × 1 comment
    assert fits(page, SIZES[size])
    snap(page, f"4-tab-{size}")
