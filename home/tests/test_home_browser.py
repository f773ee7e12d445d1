"""In headless Chromium at desktop (1280x800) and phone (390x844) sizes: the home page as an anonymous
visitor and as a signed-in person, discovery by tag and by creator, the settings and profile pages, and
a password reset whose e-mail is read from Django's test mailbox and whose link is followed. Screenshots
go to test-artifacts/; with UPDATE_README_SCREENSHOT=1 the desktop home page becomes docs/screenshot.png.
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from conftest import log_in, log_out, open_account_menu
from persona.models import Persona
from persona.services import persona_fork
from persona.tests.factories import PersonaFactory
from persona.tests.test_browser import portrait_upload

# True once the image has loaded with real pixels (waiting for it when it is still on its way).
IMAGE_LOADED = """img => (img.complete && img.naturalWidth > 0) || new Promise(resolve => {
  img.addEventListener("load", () => resolve(img.naturalWidth > 0));
  img.addEventListener("error", () => resolve(false));
})"""
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
README_SCREENSHOT = ROOT / "docs" / "screenshot.png"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
GALLERY = [
    (
        "Captain Compass",
        "#6d28d9",
        "#f472b6",
        "A patient navigator for any problem.",
        ["mentor", "travel"],
        40,
    ),
    ("Luna the Listener", "#1e3a8a", "#93c5fd", "Hears you out, then asks good questions.", ["mentor"], 30),
    ("Pixel Pal", "#be123c", "#fda4af", "A playful coding buddy for quick experiments.", ["coding"], 20),
    ("Chef Basil", "#166534", "#86efac", "Cooks along with you and fixes the sauce.", ["cooking"], 10),
    ("Professor Quark", "#92400e", "#fcd34d", "Explains physics with kitchen experiments.", ["science"], 0),
]


@pytest.fixture
def world(db):
    """Public personas with portraits, tags and popularity by two creators, and a fork."""
    creators = [UserFactory(username="wren"), UserFactory(username="odile")]
    personas = {}
    for index, (name, top, bottom, description, tags, score) in enumerate(GALLERY):
        personas[name] = PersonaFactory(
            owner=creators[index % 2],
            name=name,
            description=description,
            tags=tags,
            image=portrait_upload(f"{index}.png", (top, bottom)),
        )
        Persona.objects.filter(pk=personas[name].pk).update(popularity_score=score)
    persona_fork(
        persona=personas["Captain Compass"], actor=creators[1], name="Compass Junior", visibility="public"
    )
    return personas


def snap(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{name}.png"), full_page=True)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", SIZES)
def test_anonymous_home_then_discovery_by_tag_and_by_creator(page, live_server, world, size):
    page.set_viewport_size(SIZES[size])
    page.goto(f"{live_server.url}/")
    assert "Create AI personas, talk to them, watch them grow." in page.inner_text("h1")
    featured = page.locator("section", has=page.get_by_role("heading", name="Featured", exact=True))
    assert featured.locator(".persona-card-title").first.inner_text() == "Captain Compass"
    assert page.get_by_text("My personas").count() == 0 and page.get_by_text("Your personas").count() == 0
    for image in page.locator(".persona-card img").all():
        image.scroll_into_view_if_needed()  # portraits load lazily, once near the screen
        assert image.evaluate(IMAGE_LOADED)
    assert fits(page)
    snap(page, f"{size}-anonymous")
    if size == "desktop" and os.environ.get("UPDATE_README_SCREENSHOT"):
        page.screenshot(path=str(README_SCREENSHOT), full_page=True)

    featured.get_by_role("link", name="mentor").first.click()
    page.wait_for_load_state()
    names = page.locator(".persona-card-title").all_inner_texts()
    assert sorted(names) == ["Captain Compass", "Compass Junior", "Luna the Listener"]  # forks keep tags
    assert fits(page)
    snap(page, f"{size}-tag")

    page.get_by_role("link", name="odile").first.click()
    page.wait_for_load_state()
    assert page.inner_text("h1") == "odile"
    assert "Luna the Listener" in page.inner_text("#main") and "Compass Junior" in page.inner_text("#main")
    assert "Captain Compass" not in page.locator(".persona-grid").first.inner_text()
    assert fits(page)
    snap(page, f"{size}-profile")


@pytest.mark.parametrize("size", SIZES)
def test_signed_in_home_settings_and_own_profile(page, live_server, world, size):
    page.set_viewport_size(SIZES[size])
    PersonaFactory(owner=world["Pixel Pal"].owner, name="Secret Draft", visibility="private", status="draft")
    log_in(page, live_server, "wren")
    page.goto(f"{live_server.url}/")
    own = page.locator("section", has=page.get_by_role("heading", name="Your personas"))
    assert "Secret Draft" in own.inner_text() or "Captain Compass" in own.inner_text()
    lately = page.locator("section", has=page.get_by_role("heading", name="Lately"))
    assert "odile forked Captain Compass" in lately.inner_text()
    assert fits(page)
    snap(page, f"{size}-signed-in")

    page.goto(f"{live_server.url}/accounts/settings/")
    page.get_by_label("Display name").fill("Wren the Maker")
    page.get_by_label("Bio").fill("I make helpful personas.")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_load_state()
    assert "Your profile was saved." in page.inner_text("#main")
    assert fits(page)
    snap(page, f"{size}-settings")

    page.get_by_role("link", name="View my page").click()
    page.wait_for_load_state()
    assert page.inner_text("h1") == "Wren the Maker"
    assert "Secret Draft" in page.inner_text("#main")  # their own page shows drafts and private ones
    assert fits(page)
    log_out(page)
    page.goto(f"{live_server.url}/u/wren/")
    assert "Secret Draft" not in page.inner_text("#main")


def test_password_reset_by_email_with_the_link_followed(page, live_server, world):
    UserFactory(username="forgetful", email="forgetful@example.com")
    page.set_viewport_size(SIZES["phone"])
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Reset it by e-mail").click()
    page.get_by_label("Email").fill("forgetful@example.com")
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_load_state()
    assert "Check your e-mail" in page.inner_text("h1")
    (message,) = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(link)
    page.locator("#id_new_password1").fill("a-fresh-start-2026")
    page.locator("#id_new_password2").fill("a-fresh-start-2026")
    page.get_by_role("button", name="Save my new password").click()
    page.wait_for_load_state()
    assert "Password saved" in page.inner_text("h1")
    snap(page, "phone-password-reset")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("forgetful")
    page.get_by_label("Password").fill("a-fresh-start-2026")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    open_account_menu(page)
    assert page.get_by_role("button", name="Log out").count() == 1
