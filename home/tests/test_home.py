"""The home page: what Yayay is, the showcases of public personas, and for a signed-in person their own
personas and what happened to them lately."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.models import NotificationVerb
from content.services import notification_create
from persona.models import Persona, Status, Visibility
from persona.services import persona_fork
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def shown(response, section: str) -> list[str]:
    return [persona.name for persona in response.context[section]]


def popular(owner, name: str, score: float, **fields) -> Persona:
    persona = PersonaFactory(owner=owner, name=name, **fields)
    Persona.objects.filter(pk=persona.pk).update(popularity_score=score)
    return persona


def test_anonymous_visitors_see_what_yayay_is_and_a_call_to_sign_up(alice):
    page = Client().get("/")
    assert page.status_code == 200
    assert b"Yayay is where people build characters" in page.content
    assert b"Sign up and create a persona" in page.content
    assert b"My personas" not in page.content and b"Your personas" not in page.content


def test_featured_are_the_most_popular_public_active_personas(alice, bob):
    popular(alice, "Top Star", 90)
    popular(bob, "Second Star", 50)
    popular(alice, "Hidden Star", 99, visibility=Visibility.PRIVATE)
    popular(alice, "Shelved Star", 98, status=Status.ARCHIVED)
    page = Client().get("/")
    assert shown(page, "featured")[:2] == ["Top Star", "Second Star"]
    assert "Hidden Star" not in page.content.decode() and "Shelved Star" not in page.content.decode()


def test_newest_lists_public_personas_newest_first(alice):
    PersonaFactory(owner=alice, name="Older One")
    PersonaFactory(owner=alice, name="Newer One")
    PersonaFactory(owner=alice, name="Private One", visibility=Visibility.PRIVATE)
    assert shown(Client().get("/"), "newest") == ["Newer One", "Older One"]


def test_a_signed_in_person_sees_their_own_personas_and_what_happened_lately(alice, bob):
    mine = PersonaFactory(owner=alice, name="My Secret", visibility=Visibility.PRIVATE)
    public = PersonaFactory(owner=alice, name="My Public")
    persona_fork(persona=public, actor=bob)
    notification_create(recipient_id=alice.pk, verb=NotificationVerb.TIER_CHANGED, persona=mine, detail="up")
    client = Client()
    client.force_login(alice)
    page = client.get("/")
    assert "My Secret" in shown(page, "own")
    text = page.content.decode()
    assert "bob" in text and "forked My Public" in text and "My Secret changed tier" in text


def test_the_home_page_costs_the_same_queries_with_more_personas(alice, bob):
    client = Client()
    client.force_login(alice)

    def count() -> int:
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    PersonaFactory(owner=alice, tags=["one"])
    few = count()
    for number in range(6):
        parent = popular(bob, f"Popular {number}", number + 1, tags=["a", "b"])
        persona_fork(persona=parent, actor=alice)
    assert count() == few
