"""The persona page's lineage: the chain back to the original and the tree of forks, as each viewer may
see them, in one query per level."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from persona import selectors
from persona.models import Visibility
from persona.selectors import FORK_TREE_LEVEL_LIMIT
from persona.services import persona_fork, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def public_fork(parent, actor, name):
    fork = persona_fork(persona=parent, actor=actor, name=name)
    return persona_update(persona=fork, actor=actor, visibility=Visibility.PUBLIC)


def test_the_page_shows_the_whole_chain_back_to_the_original(alice, bob, charlie):
    root = PersonaFactory(owner=alice, name="Root Persona")
    child = public_fork(root, bob, "Child Persona")
    grandchild = public_fork(child, charlie, "Grandchild Persona")
    page = Client().get(grandchild.get_absolute_url()).content.decode()
    ancestry = page[page.index('data-testid="ancestry"') :]
    order = [ancestry.index(name) for name in ("Root Persona", "Child Persona", "Grandchild Persona")]
    assert order == sorted(order)


def test_the_tree_of_forks_goes_several_levels_down(alice, bob, charlie):
    root = PersonaFactory(owner=alice, name="Root Persona")
    child = public_fork(root, bob, "Child Persona")
    public_fork(child, charlie, "Grandchild Persona")
    lineage = selectors.persona_lineage(user=alice, persona=root)
    assert [node.persona.name for node in lineage.forks] == ["Child Persona"]
    assert [node.persona.name for node in lineage.forks[0].children] == ["Grandchild Persona"]
    assert "Grandchild Persona" in Client().get(root.get_absolute_url()).content.decode()


def test_a_private_ancestor_is_hidden_from_strangers_but_not_from_its_owner(alice, bob, charlie):
    root = PersonaFactory(owner=alice, name="Private Root", visibility=Visibility.PRIVATE)
    root = persona_update(persona=root, actor=alice, visibility=Visibility.PUBLIC)
    child = public_fork(root, bob, "Public Child")
    persona_update(persona=root, actor=alice, visibility=Visibility.PRIVATE)
    seen_by_stranger = selectors.persona_lineage(user=charlie, persona=child)
    assert seen_by_stranger.ancestors == [] and seen_by_stranger.ancestors_hidden
    assert "Private Root" not in Client().get(child.get_absolute_url()).content.decode()
    seen_by_owner = selectors.persona_lineage(user=alice, persona=child)
    assert [p.name for p in seen_by_owner.ancestors] == ["Private Root"]


def test_private_forks_stay_out_of_the_tree_for_strangers(alice, bob, charlie):
    root = PersonaFactory(owner=alice)
    persona_fork(persona=root, actor=bob, name="Bob's Private Fork")
    assert selectors.persona_lineage(user=charlie, persona=root).forks == []
    seen_by_bob = selectors.persona_lineage(user=bob, persona=root)
    assert [n.persona.name for n in seen_by_bob.forks] == ["Bob's Private Fork"]


def test_one_query_per_level_whatever_the_number_of_forks(alice, bob):
    root = PersonaFactory(owner=alice)

    def cost() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.persona_lineage(user=alice, persona=root)
        return len(captured)

    level_one = public_fork(root, bob, "Level One A")
    public_fork(level_one, alice, "Level Two A")
    cost()  # warm: the user's permissions are read once
    few = cost()
    for number in range(5):
        public_fork(public_fork(root, bob, f"Level One {number}"), alice, f"Level Two {number}")
    assert cost() == few


def fork_reads_and_count(user, persona) -> tuple[int, str]:
    """(the page's queries that read forks, the count of forks its header shows)"""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(persona.get_absolute_url()).content.decode()
    header = page[: page.index('data-testid="lineage"')]
    shown = re.search(r"<span>([\d,]+) forks?</span>", header).group(1)
    return sum('"forked_from_id" IN' in query["sql"] for query in captured), shown


def test_the_tree_of_forks_counts_the_forks_the_page_shows(alice, bob):
    lonely, parent = PersonaFactory(owner=alice), PersonaFactory(owner=alice)
    persona_fork(persona=parent, actor=bob)  # private: alice does not see it

    assert fork_reads_and_count(alice, lonely) == (1, "0")  # the tree's first level, empty
    assert fork_reads_and_count(alice, parent) == (1, "0")
    public_fork(parent, bob, "Visible Fork")
    assert fork_reads_and_count(alice, parent) == (2, "1")  # a level and the next, no COUNT
    assert fork_reads_and_count(bob, parent) == (2, "2")  # bob sees his private fork too


def test_more_direct_forks_than_the_tree_shows_are_counted_all(alice, bob):
    parent = PersonaFactory(owner=alice)
    for _ in range(FORK_TREE_LEVEL_LIMIT + 5):
        PersonaFactory(owner=bob, forked_from=parent, visibility=Visibility.PUBLIC)

    reads, shown = fork_reads_and_count(alice, parent)

    assert (reads, shown) == (3, str(FORK_TREE_LEVEL_LIMIT + 5))  # two levels of the tree and a COUNT
    assert selectors.persona_lineage(user=alice, persona=parent).forks_truncated
