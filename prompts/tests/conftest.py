import pytest

from accounts.tests.factories import UserFactory
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import PromptFactory


@pytest.fixture
def rita(db):
    """A reviewer."""
    return UserFactory(username="rita", groups=["reviewers"])


@pytest.fixture
def persona(alice):
    return PersonaFactory(owner=alice, name="Sage of Alice")


@pytest.fixture
def prompt(db):
    return PromptFactory(title="Explain recursion", skills=["reasoning", "clarity"], difficulty=3)
