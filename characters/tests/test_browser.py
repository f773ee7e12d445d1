"""In Chromium: a PNG card dropped on the import form becomes a character with its image and greeting;
a persona is made from it; the character is exported as a PNG card. At desktop and phone sizes."""

import base64
from pathlib import Path

import pytest

from characters.cards import read_card
from characters.tests.cards import png_card, v2_card
from conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
DROP_FILE = """(encoded) => {
  const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], "seraphina.png", { type: "image/png" }));
  return transfer;
}"""


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", list(SIZES))
def test_import_a_png_card_make_a_persona_and_export_it(page, live_server, alice, size):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size(SIZES[size])
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/characters/import/")
    assert no_horizontal_scroll(page)
    transfer = page.evaluate_handle(DROP_FILE, base64.b64encode(png_card(v2_card())).decode())
    page.dispatch_event("[data-drop-zone]", "drop", {"dataTransfer": transfer})
    assert "seraphina.png" in page.inner_text("[data-drop-name]")
    page.get_by_label("Tags from the card").select_option("existing")
    page.get_by_role("button", name="Import").click()

    page.wait_for_selector("h1:has-text('Seraphina')")
    assert "Welcome, traveller." in page.get_by_test_id("greeting").inner_text()
    assert "Tags left out" in page.inner_text("main")
    assert "<script>" in page.get_by_test_id("creator-notes").inner_text(), "shown as text, never run"
    assert page.get_by_test_id("primary-image").evaluate("img => img.complete && img.naturalWidth > 0")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / f"character-{size}.png"), full_page=True)
    character_url = page.url

    page.get_by_role("link", name="Create a persona from this character").click()
    assert page.get_by_label("Name").input_value() == "Seraphina"
    assert page.get_by_label("Greeting", exact=True).input_value().startswith("*She smiles.*")
    page.get_by_role("button", name="Create persona").click()
    page.wait_for_selector("[data-testid=character-panel]")
    page.get_by_test_id("character-panel").get_by_role("link", name="Seraphina").click()
    assert page.url == character_url
    assert "Seraphina" in page.get_by_test_id("character-personas").inner_text()

    page.get_by_label("Export as").select_option("png")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export").click()
    exported = Path(download_info.value.path()).read_bytes()
    card = read_card(data=exported, filename="seraphina.png")
    assert card.card["first_mes"] == "*She smiles.* Welcome, traveller."
    assert card.image


@pytest.mark.parametrize("path", ["/characters/", "/characters/new/"])
def test_pages_fit_a_phone(page, live_server, alice, path):
    page.set_viewport_size(SIZES["phone"])
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}{path}")
    assert no_horizontal_scroll(page)
