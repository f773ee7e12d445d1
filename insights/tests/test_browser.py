"""A researcher's journey in Chromium, at desktop and phone size: fill in the research profile from the
persona's page, generate the needs from the persona's answers, read them, fix one by hand; each page
passes axe-core (no moderate, serious or critical violations)."""

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import log_in
from insights.demo import RESEARCH_ANSWERS
from insights.models import NeedsAnalysis, ResearchProfile
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import AnswerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
BLOCKING = {"moderate", "serious", "critical"}


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("size", list(SIZES))
def test_profile_needs_and_hand_edit_journey(page, live_server, alice, size):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size(SIZES[size])
    persona = PersonaFactory(owner=alice, name="Basil Browser")
    for text in RESEARCH_ANSWERS["Chef Basil"]:
        AnswerFactory(persona=persona, text=text)
    log_in(page, live_server, "alice")
    problems = {}

    page.goto(f"{live_server.url}{persona.get_absolute_url()}")
    page.get_by_test_id("research-panel").get_by_role("link", name="Edit research profile").click()
    problems["profile"] = violations(page)
    page.get_by_label("Age").fill("130")
    page.get_by_label("Segment name").fill("Busy cooks")
    page.get_by_role("button", name="Save the research profile").click()
    assert "Ensure this value is less than or equal to 120" in page.inner_text("main")
    page.get_by_label("Age").fill("38")
    page.get_by_label("Values").fill("family, thrift")
    page.get_by_role("button", name="Save the research profile").click()
    assert "Busy cooks" in page.get_by_test_id("research-panel").inner_text()
    assert ResearchProfile.objects.get(persona=persona).values == ["family", "thrift"]

    page.get_by_test_id("research-panel").get_by_role("link", name="Needs and pains").click()
    page.get_by_role("button", name="Generate the needs").click()
    main = page.inner_text("main")
    assert "Things break or fail" in main and "Last Saturday the delivery app crashed twice" in main
    problems["needs"] = violations(page)
    page.screenshot(path=str(ARTIFACTS / f"insights-needs-{size}.png"), full_page=True)

    page.get_by_role("link", name="Edit by hand").click()
    problems["needs-edit"] = violations(page)
    page.get_by_label("Document").fill(json.dumps({"pain_points": [{"title": "Slow shops", "severity": 11}]}))
    page.get_by_role("button", name="Save the needs").click()
    assert "pain_points[0].severity" in page.inner_text("main")
    page.get_by_label("Document").fill(json.dumps({"pain_points": [{"title": "Slow shops", "severity": 9}]}))
    page.get_by_role("button", name="Save the needs").click()
    assert "Slow shops" in page.inner_text("main")
    assert NeedsAnalysis.objects.get(persona=persona).generator == "manual"

    page.goto(f"{live_server.url}/personas/{persona.slug}/messaging/")
    assert "LLM_BASE_URL" in page.inner_text("main")
    problems["messaging"] = violations(page)
    assert {name: found for name, found in problems.items() if found} == {}
