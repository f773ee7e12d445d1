import pytest

from accounts.tests.factories import UserFactory
from content.tests.factories import ContentItemFactory
from metrics.selectors import performance_of_items

# metrics' own fixtures: rated personas past the Cognition tutorial, and their reviewers.
from metrics.tests.conftest import cognition, graduate, ranked, reviewers, score  # noqa: F401
from persona.models import Visibility
from persona.tests.factories import PersonaFactory


@pytest.fixture
def nova(alice):
    """Alice's public persona."""
    return PersonaFactory(owner=alice, name="Nova the Guide", visibility=Visibility.PUBLIC)


@pytest.fixture
def post(nova):
    """A post of Nova's."""
    return ContentItemFactory(persona=nova, title="Reading the night sky", body="Start with the Plough.")


@pytest.fixture
def secret_post(alice):
    """A post of a private persona of Alice's."""
    secret = PersonaFactory(owner=alice, name="Secret Diary", visibility=Visibility.PRIVATE)
    return ContentItemFactory(persona=secret, title="Dear diary", body="Nobody else reads this.")


@pytest.fixture
def fans(db):
    """Five people who are not Alice."""
    return [UserFactory(username=f"fan{n}") for n in range(5)]


def counts_of(item):
    """What counts of the item's reactions now (metrics.engagement.Totals)."""
    return performance_of_items(item_ids=[item.pk])[item.pk]
