"""axe-core, run in headless Chromium over the main pages with the demo data, on the small boards of
`make run` (so boards, ladders, standings and ballots have entries): no moderate, serious or critical
accessibility violations (missing labels, alt text, contrast, landmarks, ...)."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from core.testing.demo_pages import demo_log_in, demo_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BLOCKING = {"moderate", "serious", "critical"}
LEADERBOARDS = ["/leaderboards/", "/leaderboards/cognition/", "/leaderboards/cognition/ladder/"]
CONTENT = ["/content/", "/content/?sort=liked", "{ada_post}", "{chat}", "/content/personas/{ada}/"]
CONTENT += ["/content/personas/{ada}/story/"]
PROPOSALS = ["/proposals/", "{proposal}", "{proposal}results/"]
CHARACTERS = ["/characters/", "{lirael}"]
PAGES = {
    None: [
        "/",
        "/u/alice/",
        "/accounts/password/reset/",
        "/accounts/login/",
        "/accounts/signup/",
        "/personas/",
        "/personas/{ada}/",
        "/personas/{ada}/details/",
        "/prompts/",
        *LEADERBOARDS,
        *CONTENT,
        *PROPOSALS,
        *CHARACTERS,
    ],
    "alice": [
        "/",
        "/u/alice/",
        "/accounts/settings/",
        "/accounts/settings/delete/",
        "/personas/",
        "/personas/{ada}/",
        "/personas/new/",
        "/personas/{ada}/edit/",
        "/personas/{basil}/fork/",
        "/personas/{ada}/share/",
        "/personas/{ada}/delete/",
        "/personas/{ada}/details/",
        "/personas/{ada}/compare/?first={basil_id}",
        "/personas/preferred/",
        "/progress/{ada}/",
        "/prompts/",
        "/prompts/practice/",
        "/accounts/settings/api-tokens/",
        "/accounts/password/",
        "{first_answer}",
        *LEADERBOARDS,
        "/chats/",
        "/chats/with/{ada}/",
        "{alice_chat}",
        *CONTENT,
        "/content/personas/{ada}/new/",
        "/notifications/",
        "/content/personas/{ada}/import/",
        "{ada_post}delete/",
        *PROPOSALS,
        *CHARACTERS,
        "/characters/new/",
        "/characters/import/",
        "{lirael}edit/",
        "{lirael}persona/",
        "/characters/projects/",
        "{birchwood}",
        "{birchwood}edit/",
        "{birchwood}delete/",
    ],
    "bob": ["/personas/{lu}/", "/progress/{lu}/", "{mira}", "{mira}edit/"],
    "maude": ["/proposals/new/", *PROPOSALS],
    "rita": ["/prompts/review/", "{first_prompt}", "{first_answer}"],
}


def blocking_violations(axe: Axe, page) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.usefixtures("make_run_policy")
@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("username", list(PAGES))
def test_main_pages_have_no_serious_accessibility_violations(live_server, page, username, size, settings):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    # A model "configured" (never called: pages only render) so the chat page shows its message form.
    settings.LLM_BASE_URL, settings.LLM_MODEL = "http://127.0.0.1:9/v1", "unused"
    call_command("seed_demo", stdout=StringIO())
    if username:
        demo_log_in(page, live_server.url, username)
    axe, problems = Axe(), {}

    first = demo_page_urls()
    for path in (path.format(**first) for path in PAGES[username]):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if found := blocking_violations(axe, page):
            problems[path] = found

    assert problems == {}
