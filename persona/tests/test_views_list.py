"""The persona list: search, filters, sorting, pagination, thumbnails and the empty state."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import png_upload
from persona.models import Persona
from persona.services import persona_archive, persona_delete
from persona.tests.factories import PersonaFactory
from persona.views.browse import PAGE_SIZE

LIST = reverse("persona:list")


def names_on(response) -> list[str]:
    """Persona names in the order the cards show them."""
    return re.findall(
        r'class="persona-card-title"[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_empty_list_invites_to_create_the_first_persona(client, alice):
    client.force_login(alice)

    page = client.get(LIST).content.decode()

    assert "No personas yet" in page
    assert reverse("persona:create") in page


def test_search_matches_name_or_description(client, alice):
    PersonaFactory(owner=alice, name="Chef Remy", description="Cooks French food.")
    PersonaFactory(owner=alice, name="Captain Nemo", description="Sails the deep sea.")
    PersonaFactory(owner=alice, name="Baker Bea", description="Knows every French pastry.")

    assert sorted(names_on(client.get(LIST, {"q": "french"}))) == ["Baker Bea", "Chef Remy"]
    assert names_on(client.get(LIST, {"q": "NEMO"})) == ["Captain Nemo"]


def test_a_search_with_no_results_says_so_and_offers_to_clear(client, alice):
    PersonaFactory(owner=alice)

    page = client.get(LIST, {"q": "zzz-nothing"}).content.decode()

    assert "No personas match" in page
    assert "0 personas match your search" in page


def test_filters_by_status_and_visibility(client, alice):
    active = PersonaFactory(owner=alice, name="Active Public")
    archived = PersonaFactory(owner=alice, name="Archived Public")
    persona_archive(persona=archived, actor=alice)
    PersonaFactory(owner=alice, name="Private Draft", visibility="private", status="draft")
    client.force_login(alice)

    assert names_on(client.get(LIST, {"status": "archived"})) == ["Archived Public"]
    assert names_on(client.get(LIST, {"visibility": "private"})) == ["Private Draft"]
    assert names_on(client.get(LIST, {"status": "active", "visibility": "public"})) == [active.name]


def test_an_invalid_filter_value_is_reported_not_a_crash(client, alice):
    PersonaFactory(owner=alice)

    response = client.get(LIST, {"status": "bogus", "sort": "sideways"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_sorting_by_name_newest_and_popularity(client, alice):
    for name, popularity in [("Bravo", 5), ("Alpha", 1), ("Charlie", 9)]:
        persona = PersonaFactory(owner=alice, name=name)
        Persona.objects.filter(pk=persona.pk).update(popularity_score=popularity)

    assert names_on(client.get(LIST, {"sort": "name"})) == ["Alpha", "Bravo", "Charlie"]
    assert names_on(client.get(LIST)) == ["Charlie", "Alpha", "Bravo"]
    assert names_on(client.get(LIST, {"sort": "popularity"})) == ["Charlie", "Bravo", "Alpha"]


def test_pagination_keeps_the_search_in_its_links(client, alice):
    for number in range(PAGE_SIZE + 2):
        PersonaFactory(owner=alice, name=f"Robot {number:02d}")

    first = client.get(LIST, {"q": "robot", "sort": "name"})
    second = client.get(LIST, {"q": "robot", "sort": "name", "page": 2})

    assert len(names_on(first)) == PAGE_SIZE
    assert names_on(second) == [f"Robot {PAGE_SIZE:02d}", f"Robot {PAGE_SIZE + 1:02d}"]
    assert "page=2" in first.content.decode() and "q=robot" in first.content.decode()
    assert "Page 1 of 2" in first.content.decode()


def test_counting_stops_at_a_cap_and_the_page_says_there_are_more(client, alice, monkeypatch):
    monkeypatch.setattr("persona.views.browse.PAGE_SIZE", 2)
    monkeypatch.setattr("core.paging.MAX_COUNTED_PAGES", 3)
    for number in range(7):
        PersonaFactory(owner=alice, name=f"Robot {number}")

    first = client.get(LIST).content.decode()
    beyond = client.get(LIST, {"page": 9})

    assert "More than 6 personas." in first
    assert "Page 1 of 3+" in first
    assert "Page 3 of 3+" in beyond.content.decode()


def test_deleted_personas_disappear_from_the_list_at_once(client, alice):
    persona = PersonaFactory(owner=alice, name="Soon Gone")
    client.force_login(alice)

    persona_delete(persona=persona, actor=alice)

    assert "Soon Gone" not in names_on(client.get(LIST))


def test_cards_show_the_thumbnail_with_alt_text(client, alice):
    persona = PersonaFactory(owner=alice, name="Pictured", image=png_upload("face.png", (40, 40)))

    page = client.get(LIST).content.decode()

    assert persona.thumbnail.url in page
    assert 'alt="Portrait of Pictured"' in page


def test_list_query_count_does_not_grow_with_the_page(client, alice):
    for _ in range(3):
        PersonaFactory(owner=alice)
    client.force_login(alice)
    client.get(LIST)  # warm: the bell's unread count, cached per user
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(PAGE_SIZE):
        PersonaFactory(owner=alice)

    with CaptureQueriesContext(connection) as many:
        client.get(LIST)

    assert len(many) == len(few)


@pytest.mark.django_db
def test_page_is_responsive_and_labelled(client):
    page = client.get(LIST).content.decode()

    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert 'class="skip-link" href="#main"' in page
    assert '<label for="id_q">Search</label>' in page
