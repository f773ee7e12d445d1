"""axe-core, run in headless Chromium over the main pages with the demo data, on the small boards of
`make run` (so boards, ladders, standings and ballots have entries): no moderate, serious or critical
accessibility violations (missing labels, alt text, contrast, landmarks, ...)."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from characters.models import CharacterProfile, Project
from chat.models import Message
from chat.services import chat_create
from content.models import ContentItem, ContentKind
from metrics.models import Proposal
from persona.demo import DEMO_PASSWORD
from persona.models import Persona
from prompts.models import Answer, Prompt

User = get_user_model()
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BLOCKING = {"moderate", "serious", "critical"}
LEADERBOARDS = ["/leaderboards/", "/leaderboards/cognition/", "/leaderboards/cognition/ladder/"]
CONTENT = ["/content/", "/content/?sort=liked", "{ada_post}", "{chat}", "/content/personas/{ada}/"]
CONTENT += ["/content/personas/{ada}/story/"]
PROPOSALS = ["/proposals/", "{proposal}", "{proposal}results/"]
CHARACTERS = ["/characters/", "{lirael}"]
PAGES = {
    None: [
        "/accounts/login/",
        "/accounts/signup/",
        "/personas/",
        "/personas/{ada}/",
        "/prompts/",
        *LEADERBOARDS,
        *CONTENT,
        *PROPOSALS,
        *CHARACTERS,
    ],
    "alice": [
        "/personas/",
        "/personas/{ada}/",
        "/personas/new/",
        "/personas/{ada}/edit/",
        "/personas/{basil}/fork/",
        "/personas/{ada}/share/",
        "/personas/{ada}/delete/",
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
    ],
    "bob": ["/personas/{lu}/", "/progress/{lu}/", "{mira}", "{mira}edit/"],
    "maude": ["/proposals/new/", *PROPOSALS],
    "rita": ["/prompts/review/", "{first_prompt}", "{first_answer}"],
}


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/personas/")


def _first_answer_url() -> str:
    return reverse("prompts:answer", kwargs={"pk": Answer.objects.order_by("pk").first().pk})


def _alice_chat_url() -> str:
    """A chat of Alice's with a persona, with a message of hers (the demo data has no chats)."""
    alice = User.objects.get(username="alice")
    chat = chat_create(user=alice, persona=Persona.objects.get(name="Ada the Analyst"))
    Message.objects.create(chat=chat, role=Message.Role.USER, content="What is a median?")
    return chat.get_absolute_url()


def blocking_violations(axe: Axe, page) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.usefixtures("make_run_policy")
@pytest.mark.parametrize("username", list(PAGES))
def test_main_pages_have_no_serious_accessibility_violations(live_server, page, username, settings):
    # A model "configured" (never called: pages only render) so the chat page shows its message form.
    settings.LLM_BASE_URL, settings.LLM_MODEL = "http://127.0.0.1:9/v1", "unused"
    call_command("seed_demo", stdout=StringIO())
    if username:
        log_in(page, live_server.url, username)
    axe, problems = Axe(), {}

    first = {
        "first_prompt": Prompt.objects.first().get_absolute_url(),
        "first_answer": _first_answer_url(),
        "ada": Persona.objects.get(name="Ada the Analyst").slug,
        "basil": Persona.objects.get(name="Chef Basil").slug,
        "alice_chat": _alice_chat_url(),
        "ada_post": ContentItem.objects.get(title="Three ways to read a chart").get_absolute_url(),
        "chat": ContentItem.objects.get(kind=ContentKind.CHAT).get_absolute_url(),
        "lu": Persona.objects.get(name="Linguist Lu").slug,
        "proposal": Proposal.objects.get().get_absolute_url(),
        "lirael": CharacterProfile.objects.get(name="Lirael of the Birches").get_absolute_url(),
        "mira": CharacterProfile.objects.get(name="Captain Mira Vance").get_absolute_url(),
        "birchwood": Project.objects.get(name="Birchwood Chronicles").get_absolute_url(),
    }
    for path in (path.format(**first) for path in PAGES[username]):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if found := blocking_violations(axe, page):
            problems[path] = found

    assert problems == {}
