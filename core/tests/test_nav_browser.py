"""The header in headless Chromium: on a 1280 px screen a moderator's whole navigation fits one line
(the account's own pages fold under its name), the account menu opens and closes as menus do, and on
a phone it opens inside the folded menu."""

import pytest
from playwright.sync_api import expect

from conftest import log_in, open_account_menu, open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOP_LEVEL = "#main-menu > li:not(.nav-end) > a, .brand, .nav-account > a, .account-menu > summary"


@pytest.fixture
def staff_moderator(maude):
    maude.is_staff = True
    maude.save()
    return maude


def test_a_moderator_s_navigation_fits_one_line_at_1280_px(live_server, page, staff_moderator):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, "maude")

    centres = page.locator(TOP_LEVEL).evaluate_all(
        "items => items.map(item => {"
        " const box = item.getBoundingClientRect(); return Math.round(box.top + box.height / 2); })"
    )

    assert len(centres) == 12 and max(centres) - min(centres) <= 4  # brand, 8 sections, bell, button, name
    expect(page.get_by_role("button", name="Log out maude")).to_be_hidden()


def test_the_account_menu_opens_and_closes_as_menus_do(live_server, page, staff_moderator):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, "maude")
    name = page.locator(".account-menu > summary")

    name.click()
    for link in ("Preferred persona", "Review queue", "Settings", "Admin"):
        expect(page.get_by_role("link", name=link)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Settings")).to_be_hidden()
    expect(name).to_be_focused()
    name.click()
    page.get_by_role("heading", level=1).click()  # anywhere else
    expect(page.get_by_role("link", name="Settings")).to_be_hidden()

    open_account_menu(page)
    page.get_by_role("link", name="Settings").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/settings/")


def test_on_a_phone_the_account_menu_opens_inside_the_folded_menu(live_server, page, alice):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "alice")
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name="New persona")).to_be_hidden()
    expect(header.get_by_role("link", name="Notifications")).to_be_visible()  # the bell stays beside Menu

    open_menu(page)
    expect(header.get_by_role("link", name="New persona")).to_be_visible()
    open_account_menu(page)
    page.get_by_role("button", name="Log out alice").click()

    expect(page.locator("details.account-menu")).to_have_count(0)  # signed out
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
