"""End to end in headless Chromium against a local language model server: the reply streams into the
chat page piece by piece, and Stop keeps what had arrived."""

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from chat.models import Message
from conftest import log_in
from core.testing.chat_api import streamed
from persona.tests.factories import PersonaFactory

ARTIFACTS = Path("test-artifacts")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PIECES = ["Once upon a time, ", "a sage ", "answered ", "every question ", "kindly."]


def open_chat(page, live_server):
    UserFactory(username="bob")
    persona = PersonaFactory(name="Browser Sage", greeting="Welcome, {{user}}.")
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}{persona.get_absolute_url()}")
    page.get_by_role("link", name="Chat with Browser Sage").click()
    page.get_by_role("button", name="Start a new chat").click()
    expect(page.locator(".chat-assistant .chat-text").first).to_have_text("Welcome, bob.")
    return persona


@pytest.mark.parametrize(
    "screen", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_the_reply_streams_into_the_page(page, live_server, llm_server, screen):
    ARTIFACTS.mkdir(exist_ok=True)
    llm_server.replies = [streamed(PIECES, event_delay=0.4)]
    page.set_viewport_size(screen)
    open_chat(page, live_server)

    page.get_by_role("textbox", name="Message", exact=True).fill("Tell me a story.")
    page.get_by_role("button", name="Send", exact=True).click()

    reply = page.locator(".chat-assistant .chat-text").last
    expect(reply).to_contain_text("Once upon a time", timeout=5000)
    assert "kindly." not in reply.inner_text()  # the first pieces show before the stream ends
    page.screenshot(path=ARTIFACTS / f"chat-streaming-{screen['width']}.png", full_page=True)
    expect(reply).to_contain_text("every question kindly.", timeout=10000)
    expect(page.locator(".chat-streaming")).to_have_count(0)  # the "done" event: the reply is saved
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    page.reload()
    assert "Once upon a time, a sage answered every question kindly." in page.inner_text("main")
    assert Message.objects.filter(status="complete", content="".join(PIECES)).exists()


def test_stop_keeps_what_arrived(page, live_server, llm_server):
    llm_server.replies = [streamed(PIECES, event_delay=0.5)]
    open_chat(page, live_server)

    page.get_by_role("textbox", name="Message", exact=True).fill("Tell me a story.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".chat-assistant .chat-text").last).to_contain_text("Once upon")
    page.get_by_role("button", name="Stop").click()

    expect(page.locator("[data-chat-status]")).to_contain_text("Stopped")
    deadline = time.monotonic() + 5  # the server notices at its next write to the aborted request
    while not Message.objects.filter(status="stopped").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    stopped = Message.objects.get(status="stopped")
    assert stopped.content.startswith("Once upon a time, ") and not stopped.content.endswith("kindly.")
    page.reload()
    assert "stopped" in page.get_by_test_id("message-assistant").last.inner_text().lower()
