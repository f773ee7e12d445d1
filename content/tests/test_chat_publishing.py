"""A user publishes one of their own saved chats as chat content of its persona, where they may add
that persona's content; nobody publishes another's chat or onto another's persona."""

import pytest

from chat.models import Message
from chat.services import chat_create, message_send
from chat.tests.conftest import client_for
from conftest import api_client_for
from content.models import ContentItem, ContentKind
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
FROM_CHAT = "/api/v1/content/from-chat/"


@pytest.fixture
def alices_chat(alice):
    """Alice's chat with her own persona: its greeting, her question, the persona's reply."""
    persona = PersonaFactory(owner=alice, name="Nova", greeting="Hi, I am Nova.")
    chat = chat_create(user=alice, persona=persona, title="Stars at dusk")
    message_send(chat=chat, content="Which star rises first?")
    Message.objects.create(chat=chat, role=Message.Role.ASSISTANT, content="Venus, though it is a planet.")
    return chat


def test_the_owner_publishes_a_chat_as_content_with_its_messages_in_order(alice, alices_chat):
    response = client_for(alice).post(f"/content/chats/{alices_chat.pk}/publish/")

    item = ContentItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert (item.kind, item.title) == (ContentKind.CHAT, "Stars at dusk")
    assert item.persona_id == alices_chat.persona_id
    assert list(item.messages.order_by("position").values_list("role", "text")) == [
        ("assistant", "Hi, I am Nova."),
        ("user", "Which star rises first?"),
        ("assistant", "Venus, though it is a planet."),
    ]
    page = client_for(alice).get(item.get_absolute_url())
    assert "Venus, though it is a planet." in page.content.decode()


def test_the_api_publishes_it_under_a_title_of_the_callers_choice(alice, alices_chat):
    response = api_client_for(alice).post(FROM_CHAT, {"chat": alices_chat.pk, "title": "Dusk"}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Dusk" and len(response.json()["messages"]) == 3


def test_a_chat_with_someone_elses_persona_is_not_published_onto_it(bob, alices_chat):
    bobs_chat = chat_create(user=bob, persona=alices_chat.persona)
    message_send(chat=bobs_chat, content="Hello")

    page = client_for(bob).post(f"/content/chats/{bobs_chat.pk}/publish/")
    api = api_client_for(bob).post(FROM_CHAT, {"chat": bobs_chat.pk}, format="json")

    assert page.status_code == 403 and api.status_code == 403
    assert not ContentItem.objects.exists()


def test_nobody_publishes_anothers_chat_and_learns_nothing_of_it(bob, alices_chat):
    page = client_for(bob).post(f"/content/chats/{alices_chat.pk}/publish/")
    api = api_client_for(bob).post(FROM_CHAT, {"chat": alices_chat.pk}, format="json")

    assert page.status_code == 404
    assert api.status_code == 400 and "chat" in api.json()["errors"]
    assert not ContentItem.objects.exists()
