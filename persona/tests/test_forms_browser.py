"""In headless Chromium, at desktop and phone sizes: create a persona with trait sliders and a portrait
that stays chosen after a validation error; delete a persona, find it in the trash and restore it; the
admin's persona list fits a 1280 px screen. Screenshots go to test-artifacts/forms/."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from conftest import log_in, png_bytes
from persona.models import Persona
from persona.tests.factories import PersonaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = pytest.mark.parametrize(
    "size", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "forms"


def snap(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@SIZES
def test_create_with_sliders_and_an_image_kept_after_an_error(live_server, page, alice, size, tmp_path):
    page.set_viewport_size(size)
    log_in(page, live_server, "alice")
    portrait = tmp_path / "portrait.png"
    portrait.write_bytes(png_bytes((96, 96)))
    page.goto(f"{live_server.url}/personas/new/")
    snap(page, f"create-{size['width']}")

    page.locator("#id_name").fill("Al")  # too short: the form comes back
    page.locator("#id_description").fill("Keeps the lighthouse.")
    page.locator('input[type="file"][name="image"]').set_input_files(str(portrait))
    expect(page.locator("[data-image-preview] img")).to_be_visible()
    page.get_by_label("Trait 1", exact=True).fill("warmth")
    page.get_by_label("Strength of trait 1, 0 to 1").fill("0.8")  # a slider: fill sets its value
    page.get_by_role("button", name="Add a trait").click()
    page.get_by_label("Trait 2", exact=True).fill("patience")
    page.get_by_label("Capability 1").fill("storytelling")
    page.get_by_role("button", name="Create persona").click()

    expect(page.get_by_text("at least 3 characters")).to_be_visible()
    expect(page.get_by_test_id("image-kept")).to_be_visible()
    assert page.locator('input[type="range"]').count() >= 2
    assert fits(page)
    snap(page, f"create-error-{size['width']}")
    page.locator("#id_name").fill("Keeper Kay")
    page.get_by_role("button", name="Create persona").click()

    expect(page.get_by_role("heading", name="Keeper Kay")).to_be_visible()
    persona = Persona.objects.get(name="Keeper Kay")
    assert persona.image and persona.personality_traits == {"warmth": 0.8, "patience": 0.5}
    assert persona.capabilities == {"storytelling": True}
    snap(page, f"created-{size['width']}")


@SIZES
def test_delete_find_it_in_the_trash_and_restore_it(live_server, page, alice, size, settings):
    settings.PERSONA_UNDO_WINDOW = settings.PERSONA_UNDO_WINDOW * 0  # straight to the trash
    page.set_viewport_size(size)
    persona = PersonaFactory(owner=alice, name="Trashy Tess")
    log_in(page, live_server, "alice")

    page.goto(f"{live_server.url}{persona.get_absolute_url()}")
    page.get_by_role("link", name="Delete…").click()
    page.get_by_role("button", name="Delete persona").click()
    page.goto(f"{live_server.url}/personas/trash/")
    expect(page.get_by_test_id("trash-list")).to_contain_text("Trashy Tess")
    assert fits(page)
    snap(page, f"trash-{size['width']}")
    page.get_by_role("button", name=re.compile("Restore")).click()

    expect(page.get_by_text("is out of the trash")).to_be_visible()
    assert not Persona.objects.get(pk=persona.pk).is_deleted


def test_the_menu_button_opens_the_navigation_on_a_phone(live_server, page, alice):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "alice")
    menu = page.get_by_role("button", name="Menu")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="My chats")).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="My chats")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")


def test_the_admin_persona_list_fits_1280_px(live_server, page, maude, alice):
    maude.is_staff = True
    maude.save()
    for number in range(5):
        PersonaFactory(owner=alice, name=f"A rather long persona name number {number}")
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, "maude")

    page.goto(f"{live_server.url}/admin/persona/persona/")

    expect(page.get_by_text("A rather long persona name number 1")).to_be_visible()
    assert fits(page)
    snap(page, "admin-personas-1280")
