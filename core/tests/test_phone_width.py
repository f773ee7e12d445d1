"""A phone that works: every main page, as each kind of user, fits a 390 px wide screen (nothing is
wider than the viewport, so nobody scrolls sideways or gets a zoomed-out page). Screenshots of each page
land in test-artifacts/phone/ to look at.

To check a new page, add its path to MAIN_PAGES under who opens it (None: anonymous; `{names}` are the
demo's objects, core.testing.demo_pages)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from core.testing.demo_pages import demo_log_in, demo_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "phone"

EVERYONE = [
    "/",
    "/u/alice/",
    "/personas/",
    "/personas/{ada}/",
    "/prompts/",
    "{first_prompt}",
    "/leaderboards/",
    "/leaderboards/cognition/",
    "/leaderboards/cognition/ladder/",
    "/content/",
    "{ada_post}",
    "/content/personas/{ada}/",
    "/content/personas/{ada}/story/",
    "/proposals/",
    "{proposal}",
    "{proposal}results/",
    "/progress/{ada}/",
    "/api/docs/",
    "/personas/{ada}/details/",
    "/characters/",
    "{lirael}",
]
MAIN_PAGES = {
    None: ["/accounts/login/", "/accounts/signup/", *EVERYONE],
    "alice": [  # the owner of Ada
        *EVERYONE,
        "/personas/new/",
        "/personas/{ada}/edit/",
        "/personas/{ada}/share/",
        "/personas/{ada}/delete/",
        "/personas/{basil}/fork/",
        "/personas/preferred/",
        "/personas/trash/",
        "/prompts/practice/",
        "{first_answer}",
        "/chats/",
        "/chats/with/{ada}/",
        "{alice_chat}",
        "/content/personas/{ada}/new/",
        "/notifications/",
        "/accounts/settings/api-tokens/",
        "/accounts/settings/",
        "/prompts/answers/mine/",
        "/personas/{ada}/research-profile/",
        "/personas/{ada}/needs/",
        "/personas/{ada}/needs/edit/",
        "/personas/{ada}/messaging/",
        "/personas/{ada}/compare/?first={basil_id}",
        "/characters/new/",
        "/characters/import/",
        "{lirael}edit/",
        "/characters/projects/",
        "{birchwood}",
    ],
    "maude": [*EVERYONE, "/prompts/review/", "/proposals/new/", "/admin/", "/admin/persona/persona/"],
}


def too_wide(page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.usefixtures("make_run_policy")
@pytest.mark.parametrize("username", list(MAIN_PAGES), ids=lambda name: name or "anonymous")
def test_every_main_page_fits_a_phone(live_server, page, username, settings):
    settings.LLM_BASE_URL, settings.LLM_MODEL = "http://127.0.0.1:9/v1", "unused"  # never called
    call_command("seed_demo", stdout=StringIO())
    page.set_viewport_size(PHONE)
    if username:
        demo_log_in(page, live_server.url, username)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    names, overflowing = demo_page_urls(), {}

    for number, path in enumerate(path.format(**names) for path in MAIN_PAGES[username]):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200 and response.request.redirected_from is None, path
        shot = ARTIFACTS / f"{username or 'anonymous'}-{number:02d}.png"
        page.screenshot(path=str(shot), full_page=True)
        if extra := too_wide(page):
            overflowing[path] = f"{extra} px too wide ({shot.name})"

    assert overflowing == {}
