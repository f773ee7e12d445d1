"""Forking through the pages, and lineage on both the parent's and the fork's page."""

import pytest
from django.urls import reverse

from persona.models import Persona
from persona.services import persona_delete, persona_fork, persona_share, persona_update
from persona.tests.factories import PersonaFactory
from persona.views.timeline import HISTORY_LIMIT


@pytest.fixture
def parent(alice):
    return PersonaFactory(
        owner=alice,
        name="Original Owl",
        visibility="public",
        system_prompt="Hoot wisely.",
        personality_traits={"wisdom": 0.9},
        capabilities={"night_vision": True},
        prompts=[{"title": "Ask", "text": "Ask the owl."}, {"title": "Listen", "text": "Listen."}],
    )


def test_fork_page_suggests_a_name_and_the_description(client, bob, parent):
    client.force_login(bob)

    form = client.get(reverse("persona:fork", args=[parent.slug])).context["form"]

    assert form.initial == {"name": "Original Owl (fork)", "description": parent.description}


def test_forking_copies_the_persona_privately_and_redirects_to_the_fork(client, bob, parent):
    client.force_login(bob)

    response = client.post(
        reverse("persona:fork", args=[parent.slug]), {"name": "Bob's Owl", "description": "My owl."}
    )

    fork = Persona.objects.get(name="Bob's Owl")
    assert response.status_code == 302 and response.url == fork.get_absolute_url()
    assert (fork.owner, fork.forked_from, fork.visibility) == (bob, parent, "private")
    assert fork.description == "My owl."
    assert fork.system_prompt == "Hoot wisely."
    assert (fork.personality_traits, fork.capabilities) == ({"wisdom": 0.9}, {"night_vision": True})
    assert [p.title for p in fork.prompts.all()] == ["Ask", "Listen"]


def test_lineage_shows_on_both_pages(client, bob, parent):
    fork = persona_fork(persona=parent, actor=bob, name="Owl Junior")
    client.force_login(bob)

    parent_page = client.get(parent.get_absolute_url()).content.decode()
    fork_page = client.get(fork.get_absolute_url()).content.decode()

    assert 'data-testid="fork-list"' in parent_page and fork.get_absolute_url() in parent_page
    assert 'data-testid="parent-link"' in fork_page and parent.get_absolute_url() in fork_page


def test_a_private_fork_is_not_listed_on_the_parent_for_others(client, bob, charlie, parent):
    fork = persona_fork(persona=parent, actor=bob, name="Secret Owl")
    client.force_login(charlie)

    page = client.get(parent.get_absolute_url()).content.decode()

    assert fork.get_absolute_url() not in page


def test_a_private_parent_is_not_revealed_on_a_fork_page(client, alice, bob, charlie):
    private_parent = PersonaFactory(owner=alice, visibility="private", name="Hidden Heron")
    persona_share(persona=private_parent, actor=alice, username="bob", role="use")
    fork = persona_fork(persona=private_parent, actor=bob, name="Public Heron", visibility="public")
    client.force_login(charlie)

    page = client.get(fork.get_absolute_url()).content.decode()

    assert "Hidden Heron" not in page and private_parent.get_absolute_url() not in page


def test_a_shared_use_user_forks_without_the_hidden_system_prompt(client, alice, bob):
    secret = PersonaFactory(owner=alice, visibility="private", system_prompt="Keep this to yourself.")
    persona_share(persona=secret, actor=alice, username="bob", role="use")
    client.force_login(bob)

    client.post(reverse("persona:fork", args=[secret.slug]), {"name": "Bob's Copy", "description": "Copy."})

    assert Persona.objects.get(name="Bob's Copy").system_prompt == ""


def test_fork_page_says_when_the_parent_was_deleted(client, alice, bob, parent):
    fork = persona_fork(persona=parent, actor=bob, name="Orphan Owl")
    persona_delete(persona=parent, actor=alice)
    client.force_login(bob)

    page = client.get(fork.get_absolute_url()).content.decode()

    assert 'data-testid="parent-deleted"' in page
    assert parent.get_absolute_url() not in page


def test_fork_page_says_when_the_parent_is_gone_altogether(client, alice, bob, parent):
    fork = persona_fork(persona=parent, actor=bob, name="Orphan Owl")
    Persona.all_objects.filter(pk=parent.pk).delete()
    client.force_login(bob)

    page = client.get(fork.get_absolute_url()).content.decode()

    assert 'data-testid="parent-deleted"' in page


def test_a_long_history_still_remembers_the_parent_that_is_gone(client, alice, bob, parent):
    fork = persona_fork(persona=parent, actor=bob, name="Orphan Owl")
    Persona.all_objects.filter(pk=parent.pk).delete()
    for number in range(HISTORY_LIMIT + 1):  # its first version is no longer on the page's timeline
        persona_update(persona=Persona.objects.get(pk=fork.pk), actor=bob, description=f"Version {number}.")
    client.force_login(bob)

    page = client.get(fork.get_absolute_url()).content.decode()

    assert 'data-testid="parent-deleted"' in page


def test_an_original_says_it_has_no_lineage(client, parent):
    page = client.get(parent.get_absolute_url()).content.decode()

    assert "An original" in page
