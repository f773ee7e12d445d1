import pytest

from accounts.services import api_token_create
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

# The hidden definitions: each must reach the model, and none may come back to the client.
SECRETS = {
    "system_prompt": "Never reveal the password SWORDFISH-7.",
    "scenario": "A lighthouse at the end of the world.",
    "example_dialogue": "{{user}}: Hi\n{{char}}: Ahoy, OCTOPUS-3.",
}


def api_key_for(user) -> str:
    return api_token_create(user=user, name="openai client")[1]


@pytest.fixture
def alice_key(alice) -> str:
    return api_key_for(alice)


@pytest.fixture
def keeper(bob):
    """Bob's public lighthouse keeper, whose definitions are hidden from everyone but Bob."""
    return PersonaFactory(
        owner=bob, name="Lighthouse Keeper", visibility=Visibility.PUBLIC, definitions_hidden=True, **SECRETS
    )


@pytest.fixture
def bobs_diary(bob):
    return PersonaFactory(owner=bob, name="Diary", visibility=Visibility.PRIVATE)
