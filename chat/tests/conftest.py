import pytest
from django.test import Client

from chat.services import chat_create
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

GREETING = "Hello {{user}}, I am {{char}}. Shall we begin?"


@pytest.fixture
def sage(alice):
    """Alice's public persona with hidden definitions: they reach the model, never the page."""
    return PersonaFactory(
        owner=alice,
        name="Sage",
        system_prompt="Speak plainly.",
        scenario="An evening class for adults.",
        example_dialogue="{{user}}: Why?\n{{char}}: Let us find out together.",
        greeting=GREETING,
        alternate_greetings=["Back again, {{user}}?", "Good evening."],
        definitions_hidden=True,
        visibility=Visibility.PUBLIC,
    )


@pytest.fixture
def bobs_chat(bob, sage):
    """Bob chats with Alice's public persona."""
    return chat_create(user=bob, persona=sage)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
