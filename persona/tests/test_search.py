"""Searching personas through the API's `search` and the page's `q`: what matches, in which order, and
that a search never shows more than the list may. Full-text expectations hold on PostgreSQL (CI); SQLite
runs the substring fallback through the tests that do not skip."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from conftest import api_client_for
from core.testing.databases import needs_postgresql
from persona import search
from persona.models import Persona, ShareRole, Status, Visibility
from persona.services import persona_share, persona_update
from persona.tests.factories import PersonaFactory
from persona.tests.test_views_list import names_on

pytestmark = pytest.mark.django_db

API = "/api/v1/personas/"
PAGE = reverse("persona:list")


def found(user, text, **params) -> list[str]:
    """Names the API lists for a search, in its order."""
    response = api_client_for(user).get(API, {"search": text, **params})
    assert response.status_code == 200, response.content
    return [persona["name"] for persona in response.json()["results"]]


def listed(user, text, **params) -> list[str]:
    """Names the page lists for a search, in its order."""
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(PAGE, {"q": text, **params})
    assert response.status_code == 200
    return names_on(response)


def test_finds_by_name_description_and_creator(alice):
    PersonaFactory(owner=alice, name="Chef Remy", description="Cooks for a living.")
    PersonaFactory(owner=alice, name="Captain Nemo", description="Sails a submarine.")
    PersonaFactory(owner=UserFactory(username="gardener"), name="Rose", description="Roses.")

    assert found(None, "remy") == ["Chef Remy"]
    assert found(None, "SUBMARINE") == ["Captain Nemo"]
    assert found(None, "gardener") == ["Rose"]


def test_a_name_match_comes_before_a_creator_match_before_a_description_match(alice):
    owner = UserFactory(username="sailor")
    by_description = PersonaFactory(owner=alice, name="Nemo", description="A sailor of the deep sea.")
    by_name = PersonaFactory(owner=alice, name="Sailor Moon", description="Fights evil by moonlight.")
    by_creator = PersonaFactory(owner=owner, name="Popeye", description="Eats spinach.")

    assert found(None, "sailor") == [by_name.name, by_creator.name, by_description.name]
    ranked = Persona.objects.search("sailor")
    assert [p.pk for p in ranked] == [by_name.pk, by_creator.pk, by_description.pk]
    assert ranked[0].search_rank > ranked[1].search_rank > ranked[2].search_rank


def test_the_beginning_of_a_name_finds_it(alice):
    PersonaFactory(owner=alice, name="Robotnik", description="A mad scientist.")

    assert found(None, "Robot") == ["Robotnik"]


@needs_postgresql  # full-text search; SQLite matches substrings
def test_a_typo_in_a_name_still_finds_it(alice):
    PersonaFactory(owner=alice, name="Chef Basil", description="Cooks Italian food.")
    PersonaFactory(owner=alice, name="Captain Nemo", description="Sails the deep sea.")

    assert found(None, "Chef Basli") == ["Chef Basil"]


@needs_postgresql  # full-text search; SQLite matches substrings
def test_words_match_their_other_forms(alice):
    PersonaFactory(owner=alice, name="Remy", description="Cooks French food.")

    assert found(None, "cooking") == ["Remy"]


@needs_postgresql  # full-text search; SQLite matches substrings
def test_websearch_syntax_phrase_exclusion_and_or(alice):
    PersonaFactory(owner=alice, name="Remy", description="Cooks French food.")
    PersonaFactory(owner=alice, name="Bea", description="Bakes food in the French style.")
    PersonaFactory(owner=alice, name="Nemo", description="Sails the deep sea.")

    assert found(None, '"french food"') == ["Remy"]
    assert found(None, "food -cooks") == ["Bea"]
    assert sorted(found(None, "cooks or sails")) == ["Nemo", "Remy"]


@needs_postgresql  # full-text search; SQLite matches substrings
def test_an_excluded_word_stays_excluded_however_alike_the_name(alice):
    PersonaFactory(owner=alice, name="Chef French", description="Cooks.")
    PersonaFactory(owner=alice, name="Chef Basil", description="Cooks.")

    assert found(None, "chef -french") == ["Chef Basil"]


@pytest.mark.parametrize("text", ['"unclosed', "-", "or", "!!&|:*()", "the", "a -a", "'; drop table x"])
def test_odd_search_text_answers_200(alice, text):
    PersonaFactory(owner=alice, name="The Who", description="A band.")

    found(alice, text)
    listed(alice, text)


def test_search_lists_only_what_the_caller_may_list(alice, bob, charlie):
    public = PersonaFactory(owner=alice, name="Otter Public", visibility=Visibility.PUBLIC)
    unlisted = PersonaFactory(owner=alice, name="Otter Unlisted", visibility=Visibility.UNLISTED)
    private = PersonaFactory(owner=alice, name="Otter Private", visibility=Visibility.PRIVATE)
    shared = PersonaFactory(owner=alice, name="Otter Shared", visibility=Visibility.PRIVATE)
    persona_share(persona=shared, actor=alice, username="bob", role=ShareRole.USE)
    everything = {public.name, unlisted.name, private.name, shared.name}
    expected = {
        alice: everything,
        bob: {public.name, shared.name},
        charlie: {public.name},
        None: {public.name},
    }

    for user, names in expected.items():
        assert set(found(user, "otter")) == names
        assert set(found(user, "otter", ordering="name")) == names
        assert set(listed(user, "otter")) == names
        assert set(listed(user, "otter", sort="name")) == names


def test_search_follows_renames_description_edits_and_the_owner_username(alice):
    persona = PersonaFactory(owner=alice, name="Old Name", description="Knows about tulips.")

    persona_update(persona=persona, actor=alice, name="Fresh Name", description="Knows about orchids.")
    assert found(None, "fresh") == ["Fresh Name"] and found(None, "old") == []
    assert found(None, "tulips") == [] and found(None, "orchids") == ["Fresh Name"]

    alice.username = "alicia"
    alice.save()
    assert found(None, "alicia") == ["Fresh Name"]
    get_user_model().objects.filter(pk=alice.pk).update(username="zelda")
    assert found(None, "zelda") == ["Fresh Name"] and found(None, "alicia") == []


def test_rows_written_in_bulk_are_searchable(alice):
    Persona.objects.bulk_create(
        Persona(
            owner=alice,
            name=f"Bulk {n}",
            name_key=f"bulk {n}",
            name_shape_key=f"bulk {n}",
            slug=f"bulk-{n}",
            description="Made by a script.",
            visibility=Visibility.PUBLIC,
        )
        for n in range(3)
    )
    assert len(found(None, "script")) == 3

    Persona.objects.filter(name="Bulk 0").update(name="Renamed Quietly", description="Edited by SQL.")
    assert found(None, "quietly") == ["Renamed Quietly"]
    assert len(found(None, "script")) == 2


def test_without_an_ordering_results_come_best_match_first(alice):
    PersonaFactory(owner=alice, name="Stars Guide", description="Knows constellations.")
    PersonaFactory(owner=alice, name="Mira", description="Studies the stars.")
    best_first, newest_first = ["Stars Guide", "Mira"], ["Mira", "Stars Guide"]

    assert found(None, "stars") == best_first
    assert found(None, "stars", ordering="-created_at") == newest_first
    assert listed(None, "stars") == best_first
    assert listed(None, "stars", sort="relevance") == best_first
    assert listed(None, "stars", sort="newest") == newest_first


def test_a_search_sends_as_many_queries_for_many_matches_as_for_few(alice):
    def herons(numbers):
        for number in numbers:
            PersonaFactory(owner=alice, name=f"Heron {number}", description="Wades.")

    client = api_client_for(alice)
    herons(range(2))
    client.get(API, {"search": "heron"})  # caches what every first request looks up
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(API, {"search": "heron"}).json()["results"]) == 2
    herons(range(2, 12))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(API, {"search": "heron"}).json()["results"]) == 12

    assert len(many) == len(few)


@pytest.fixture
def two_candidates(monkeypatch):
    """Rank at most two candidates, so that three matches make a common word."""
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 2)


@needs_postgresql  # full-text search; SQLite matches substrings
def test_a_common_word_ranks_a_bounded_number_of_matches(alice, two_candidates):
    PersonaFactory(owner=alice, name="Lynx", description="A wild cat.")
    PersonaFactory(owner=alice, name="Puma", description="A big cat.")
    PersonaFactory(owner=alice, name="Cat Stevens", description="Sings.")

    ranked = api_client_for(None).get(API, {"search": "cat"}).json()
    assert len(ranked["results"]) == 2
    ranks = [p.search_rank for p in Persona.objects.search("cat")]
    assert len(ranks) == 2 and ranks == sorted(ranks, reverse=True)
    assert found(None, "cat", ordering="name") == ["Cat Stevens", "Lynx", "Puma"]


@needs_postgresql  # full-text search; SQLite matches substrings
def test_a_common_word_ranks_the_same_candidates_on_every_reload(alice, two_candidates):
    for name in ("Lynx", "Cat Stevens", "Puma", "Ocelot"):
        PersonaFactory(owner=alice, name=name, description="A wild cat.")

    # A synchronized sequential scan starts wherever another one is (on a table larger than a quarter of
    # the shared buffers), so the first matches it finds would change between reloads: connections
    # turn them off.
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronize_seqscans")
        assert cursor.fetchone() == ("off",)
    pages = [found(None, "cat") for _ in range(3)]
    assert len(pages[0]) == 2 and pages == [pages[0]] * 3


@needs_postgresql  # full-text search; SQLite matches substrings
def test_the_page_counts_a_search_by_its_candidates_without_counting_again(alice):
    for name in ("Lynx", "Puma", "Ocelot"):
        PersonaFactory(owner=alice, name=name, description="A wild cat.")
    client = Client()
    client.force_login(alice)
    client.get(PAGE, {"q": "cat"})  # caches what every first request looks up

    with CaptureQueriesContext(connection) as captured:
        page = client.get(PAGE, {"q": "cat"}).content.decode()

    assert "3 personas match your search." in page
    assert not [query for query in captured if query["sql"].startswith("SELECT COUNT(*)")]


@needs_postgresql  # full-text search; SQLite matches substrings
def test_the_candidates_are_chosen_after_the_other_filters(alice, bob, two_candidates):
    PersonaFactory(owner=bob, name="Cat One", description="Purrs.")
    PersonaFactory(owner=bob, name="Cat Two", description="Purrs.")
    PersonaFactory(owner=bob, name="Cat Hidden", description="Purrs.", visibility=Visibility.PRIVATE)
    PersonaFactory(owner=alice, name="Cat Archived", description="Naps.", status=Status.ARCHIVED)

    assert found(alice, "cat", status=Status.ARCHIVED) == ["Cat Archived"]
    assert found(alice, "cat", owner="alice", status=Status.ARCHIVED) == ["Cat Archived"]
    assert found(alice, "cat", owner="alice") == []  # archived ones are out of a plain search
    assert listed(alice, "cat", status=Status.ARCHIVED) == ["Cat Archived"]
    assert "Cat Hidden" not in found(alice, "cat")


def test_the_api_walks_every_page_of_a_search_by_cursor(alice):
    from conftest import api_client_for

    expected = {
        PersonaFactory(owner=alice, name=f"Gardener {n}", description="Grows roses.").name for n in range(7)
    }
    client, seen, url = api_client_for(alice), [], "/api/v1/personas/?search=roses&page_size=3"

    while url:
        page = client.get(url).json()
        seen += [p["name"] for p in page["results"]]
        url = page["next"]

    assert sorted(seen) == sorted(expected)
