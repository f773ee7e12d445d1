"""The preferred persona: what it is for, its badge and buttons, and where it is chosen first."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from persona.services import persona_set_preferred
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import PromptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(alice):
    """Alice's two personas; she prefers the second (the lists would show the first one first)."""
    first = PersonaFactory(owner=alice, name="Aaron First")
    second = PersonaFactory(owner=alice, name="Zed Second")
    persona_set_preferred(user=alice, persona=second)
    return first, second


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def selected_option(page: str, select_name: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', page, re.S)
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1)) if select else None
    return chosen.group(1) if chosen else None


def test_the_preferred_persona_page_says_what_it_is_for(alice):
    page = client_for(alice).get(reverse("persona:preferred")).content.decode()

    assert "pre-selected on the practice page" in page


def test_the_preferred_persona_shows_a_badge_preferred_and_clear(alice, two):
    first, second = two
    client = client_for(alice)

    page = client.get(second.get_absolute_url()).content.decode()
    assert "Your preferred</span>" in page and 'data-testid="preferred-state">Preferred<' in page
    assert "Make preferred" not in page
    assert "Make preferred" in client.get(first.get_absolute_url()).content.decode()

    cleared = client.post(
        reverse("persona:preferred"), {"persona": "", "next": second.get_absolute_url()}, follow=True
    )
    assert "You no longer have a preferred persona" in cleared.content.decode()
    assert "Make preferred" in cleared.content.decode()


def test_the_practice_page_starts_with_the_preferred_persona(alice, two):
    page = client_for(alice).get(reverse("prompts:practice")).content.decode()

    assert selected_option(page, "persona") == two[1].slug


def test_the_answer_form_starts_with_the_preferred_persona_unless_the_link_names_one(alice, two):
    prompt = PromptFactory()
    client = client_for(alice)

    assert selected_option(client.get(prompt.get_absolute_url()).content.decode(), "persona") == two[1].slug
    named = client.get(prompt.get_absolute_url(), {"persona": two[0].slug}).content.decode()
    assert selected_option(named, "persona") == two[0].slug


def test_the_chats_page_offers_a_new_chat_with_the_preferred_persona(alice, two):
    client = client_for(alice)

    page = client.get(reverse("chat:list")).content.decode()
    assert f"New chat with {two[1].name}" in page

    response = client.post(reverse("chat:start", args=[two[1].slug]))
    assert response.status_code == 302 and two[1].chats.filter(owner=alice).exists()
