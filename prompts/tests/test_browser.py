"""End to end in headless Chromium: the owner answers, a reviewer scores, the owner sees the level rise."""

from pathlib import Path

import pytest

from accounts.tests.factories import DEMO_PASSWORD, UserFactory
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import PromptFactory

ARTIFACTS = Path("test-artifacts")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def test_answer_score_and_see_the_level_rise(page, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    alice = UserFactory(username="alice")
    UserFactory(username="rita", groups=["reviewers"])
    persona = PersonaFactory(owner=alice, name="Browser Sage")
    prompt = PromptFactory(title="Explain gravity", skills=["reasoning", "clarity"], difficulty=3)

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/progress/{persona.slug}/")
    assert page.get_by_test_id("skill-level-reasoning").inner_text() == "level 1"
    page.goto(f"{live_server.url}/prompts/practice/?persona={persona.slug}")
    page.get_by_role("link", name="Explain gravity").click()
    page.get_by_role("textbox", name="Answer").fill("Mass bends spacetime; things follow the curves.")
    page.get_by_role("button", name="Submit answer").click()
    assert "Answer saved" in page.inner_text("main")
    page.screenshot(path=ARTIFACTS / "prompts-1-answered.png", full_page=True)
    log_out(page)

    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/prompts/review/")
    page.get_by_role("link", name="Score the answer of Browser Sage").click()
    page.get_by_label("Reasoning (weight 1.0)").fill("9")
    page.get_by_label("Clarity (weight 1.0)").fill("8")
    page.screenshot(path=ARTIFACTS / "prompts-2-scoring.png", full_page=True)
    page.get_by_role("button", name="Save scores").click()
    assert "Scores saved" in page.inner_text("main")
    log_out(page)

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/progress/{persona.slug}/")
    assert page.get_by_test_id("skill-level-reasoning").inner_text() == "level 4"
    assert page.get_by_test_id("skill-level-clarity").inner_text() == "level 4"
    assert page.locator("svg.xp-chart polyline").count() == 1
    assert "First words" in page.inner_text("main")
    page.screenshot(path=ARTIFACTS / "prompts-3-progress.png", full_page=True)
    assert prompt.answers.count() == 1
