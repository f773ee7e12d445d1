"""The main pages of the demo data (`seed_demo`) that browser tests walk: their paths name the demo's
objects as `{ada}`, `{first_answer}`..., filled by demo_page_urls() once the demo is seeded."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from characters.models import CharacterProfile, Project
from chat.models import Message
from chat.services import chat_create
from content.models import ContentItem, ContentKind
from metrics.models import Proposal
from persona.demo import DEMO_PASSWORD
from persona.models import Persona
from prompts.models import Answer, Prompt


def demo_page_urls() -> dict[str, str]:
    """What the `{names}` in page paths stand for, in the seeded demo."""
    return {
        "first_prompt": Prompt.objects.first().get_absolute_url(),
        "first_answer": reverse("prompts:answer", kwargs={"pk": Answer.objects.order_by("pk").first().pk}),
        "ada": Persona.objects.get(name="Ada the Analyst").slug,
        "basil": Persona.objects.get(name="Chef Basil").slug,
        "basil_id": str(Persona.objects.get(name="Chef Basil").pk),
        "alice_chat": _alice_chat_url(),
        "ada_post": ContentItem.objects.get(title="Three ways to read a chart").get_absolute_url(),
        "chat": ContentItem.objects.get(kind=ContentKind.CHAT).get_absolute_url(),
        "lu": Persona.objects.get(name="Linguist Lu").slug,
        "proposal": Proposal.objects.get().get_absolute_url(),
        "lirael": CharacterProfile.objects.get(name="Lirael of the Birches").get_absolute_url(),
        "mira": CharacterProfile.objects.get(name="Captain Mira Vance").get_absolute_url(),
        "birchwood": Project.objects.get(name="Birchwood Chronicles").get_absolute_url(),
    }


def _alice_chat_url() -> str:
    """A chat of Alice's with a persona, with a message of hers (the demo data has no chats)."""
    alice = get_user_model().objects.get(username="alice")
    chat = chat_create(user=alice, persona=Persona.objects.get(name="Ada the Analyst"))
    Message.objects.create(chat=chat, role=Message.Role.USER, content="What is a median?")
    return chat.get_absolute_url()


def demo_log_in(page, base_url: str, username: str) -> None:
    """Sign one of the demo's people in through the log-in page (the demo has its own password)."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not log in"
