"""End to end in headless Chromium: the owner answers, a reviewer scores, the owner sees the level rise;
the persona drafts an answer through a local language model server, the owner edits and submits it."""

from pathlib import Path

import pytest

from accounts.tests.factories import UserFactory
from conftest import log_in, log_out
from core.testing.chat_api import completion
from core.testing.http_server import Reply
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import PromptFactory

ARTIFACTS = Path("test-artifacts")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


@pytest.mark.parametrize(
    "screen", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_the_persona_drafts_an_answer_the_owner_edits_and_submits(page, live_server, llm_server, screen):
    ARTIFACTS.mkdir(exist_ok=True)
    alice = UserFactory(username="alice")
    persona = PersonaFactory(owner=alice, name="Browser Sage", system_prompt="Answer in one sentence.")
    prompt = PromptFactory(title="Explain gravity", skills=["reasoning", "clarity"])
    llm_server.replies = [
        Reply(
            body=completion("Mass bends spacetime, and things follow the curves.", model="local-model"),
            delay=0.5,
        )
    ]
    page.set_viewport_size(screen)

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/prompts/practice/?persona={persona.slug}")
    page.screenshot(path=ARTIFACTS / f"prompts-practice-{screen['width']}.png", full_page=True)
    page.get_by_role("button", name="Let the persona answer “Explain gravity”").click()
    answer = page.get_by_role("textbox", name="Answer")
    answer.wait_for()
    assert answer.input_value() == "Mass bends spacetime, and things follow the curves."
    assert "Browser Sage drafted this answer with local-model" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    page.screenshot(path=ARTIFACTS / f"prompts-draft-{screen['width']}.png", full_page=True)
    answer.fill(answer.input_value() + " Like marbles on a trampoline.")
    page.get_by_role("button", name="Submit answer").click()

    assert "Answer saved" in page.inner_text("main")
    assert "drafted by the persona with local-model" in page.inner_text("main")
    saved = prompt.answers.get()
    assert saved.text.endswith("Like marbles on a trampoline.") and saved.draft_model == "local-model"
    assert "Answer in one sentence." in llm_server.requests[0]["json"]["messages"][0]["content"]
