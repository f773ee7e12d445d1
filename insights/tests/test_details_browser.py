"""The research details page in Chromium, on a desktop and on a phone: walking its sections, comparing
two personas and exporting a file (a real download), with axe-core finding nothing serious and the
phone never scrolling sideways."""

import csv
import io
from pathlib import Path

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import log_in
from insights.tests.research_fixtures import researched_persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BLOCKING = {"moderate", "serious", "critical"}
ARTIFACTS = Path("test-artifacts")


@pytest.fixture
def two_personas(alice):
    nurse = researched_persona(owner=alice, name="Maria Lopez", age=30, location="Madrid")
    banker = researched_persona(owner=alice, name="Tom Banker", age=60, needs=False)
    return nurse, banker


def _blocking(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _compare_with(page, other_name: str) -> None:
    page.get_by_label("Compare with").select_option(label=f"{other_name} (alice)")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()


def test_desktop_walks_the_sections_compares_and_exports(page, live_server, alice, two_personas):
    nurse = two_personas[0]
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/personas/{nurse.slug}/")
    page.get_by_role("link", name="Research details").click()
    assert page.url.endswith(f"/personas/{nurse.slug}/details/")
    sections = page.get_by_role("navigation", name="Sections")
    for name in ("Overview", "Profile", "Needs", "Insights"):
        sections.get_by_role("link", name=name).click()
        assert page.get_by_role("heading", name=name, exact=True).is_visible()
    assert page.get_by_test_id("pains").get_by_text("High severity, 8/10").is_visible()
    assert page.get_by_test_id("big-five").is_visible() and page.get_by_test_id("audit-timeline").is_visible()
    assert _blocking(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "insights-details-desktop.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_label("Format").select_option("csv")
        page.get_by_role("button", name="Download").click()
    download = download_info.value
    assert download.suggested_filename == "m-l-details.csv"
    rows = dict(list(csv.reader(io.StringIO(Path(download.path()).read_text("utf-8-sig"))))[1:])
    assert rows["full_name"] == "M. L." and rows["location"] == "Madrid"

    page.get_by_role("link", name="Compare").click()
    _compare_with(page, "Tom Banker")
    assert "%" in page.get_by_test_id("similarity").inner_text()
    table = page.get_by_test_id("compare-table")
    assert table.get_by_role("columnheader", name="Tom Banker").is_visible()
    assert table.get_by_role("row", name="Age ≠ differs 30 60").is_visible()
    assert _blocking(page) == []
    page.screenshot(path=str(ARTIFACTS / "insights-compare-desktop.png"), full_page=True)


def test_phone_picks_sections_from_a_select_and_actions_from_a_menu(page, live_server, alice, two_personas):
    nurse = two_personas[0]
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/personas/{nurse.slug}/details/")
    picker = page.get_by_label("Section", exact=True)
    assert picker.is_visible()
    assert not page.get_by_role("navigation", name="Sections").get_by_role("link", name="Needs").is_visible()
    assert page.get_by_role("heading", name="Overview", exact=True).is_visible()
    assert not page.get_by_role("heading", name="Needs", exact=True).is_visible()
    for value, name in (
        ("section-profile", "Profile"),
        ("section-needs", "Needs"),
        ("section-insights", "Insights"),
    ):
        picker.select_option(value)
        assert page.get_by_role("heading", name=name, exact=True).is_visible()
        assert not page.get_by_role("heading", name="Overview", exact=True).is_visible()
        assert _fits_the_screen(page), name
    assert _blocking(page) == []
    page.screenshot(path=str(ARTIFACTS / "insights-details-phone.png"), full_page=True)

    compare = page.get_by_role("link", name="Compare")
    assert not compare.is_visible()  # the rail is a closed menu
    page.get_by_text("Actions", exact=True).click()
    with page.expect_download() as download_info:
        page.get_by_label("Format").select_option("pdf")
        page.get_by_role("button", name="Download").click()
    pdf = pypdf.PdfReader(download_info.value.path())
    assert "Night shifts" in "\n".join(p.extract_text() for p in pdf.pages)

    compare.click()
    _compare_with(page, "Tom Banker")
    assert page.get_by_test_id("compare-table").is_visible() and _fits_the_screen(page)
    page.screenshot(path=str(ARTIFACTS / "insights-compare-phone.png"), full_page=True)
    assert _blocking(page) == []
