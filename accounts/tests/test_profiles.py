"""A person's page /u/<username>/: who they are, and the personas each visitor may list there."""

import pytest
from django.test import Client

from accounts.services import profile_update
from accounts.tests.factories import UserFactory
from conftest import png_upload
from persona.models import ShareRole, Status, Visibility
from persona.services import persona_fork, persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_personas(alice, bob):
    public = PersonaFactory(owner=alice, name="Alice Public")
    PersonaFactory(owner=alice, name="Alice Private", visibility=Visibility.PRIVATE)
    PersonaFactory(owner=alice, name="Alice Draft", status=Status.DRAFT, visibility=Visibility.PRIVATE)
    PersonaFactory(owner=alice, name="Alice Unlisted", visibility=Visibility.UNLISTED)
    shared = PersonaFactory(owner=alice, name="Alice Shared", visibility=Visibility.PRIVATE)
    persona_share(persona=shared, actor=alice, username=bob.username, role=ShareRole.USE)
    fork_parent = PersonaFactory(owner=bob, name="Bob Original")
    persona_fork(persona=fork_parent, actor=alice, name="Alice Fork")
    return public


def listed(client, username="alice") -> set[str]:
    response = client.get(f"/u/{username}/")
    assert response.status_code == 200
    shown = [*response.context["page"].object_list, *response.context["forks"]]
    return {persona.name for persona in shown}


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_owner_sees_all_of_theirs_drafts_and_private_ones_too(alice, alices_personas):
    assert listed(as_user(alice)) == {
        "Alice Public",
        "Alice Private",
        "Alice Draft",
        "Alice Unlisted",
        "Alice Shared",
        "Alice Fork",
    }


def test_strangers_and_anonymous_visitors_see_only_public_ones(alice, charlie, alices_personas):
    assert listed(Client()) == {"Alice Public"}
    assert listed(as_user(charlie)) == {"Alice Public"}


def test_who_it_is_shared_with_sees_the_shared_one_too(alice, bob, alices_personas):
    assert listed(as_user(bob)) == {"Alice Public", "Alice Shared"}


def test_forks_are_listed_apart_from_originals(alice, alices_personas):
    response = as_user(alice).get("/u/alice/")
    assert [p.name for p in response.context["forks"]] == ["Alice Fork"]
    assert "Alice Fork" not in {p.name for p in response.context["page"].object_list}


def test_the_page_shows_display_name_bio_and_avatar(alice):
    bio = "Curious about rabbits."
    profile_update(user=alice, display_name="Alice Liddell", bio=bio, avatar=png_upload())
    page = Client().get("/u/alice/").content.decode()
    assert "<h1>Alice Liddell</h1>" in page and "@alice" in page and "Curious about rabbits." in page
    avatar_url = alice.profile.avatar.url
    assert avatar_url in page
    assert Client().get(avatar_url).status_code == 200


def test_an_unknown_person_is_404_and_a_deactivated_one_keeps_their_page(db):
    gone = UserFactory(username="gone", is_active=False)
    PersonaFactory(owner=gone, name="Still Public")
    assert Client().get("/u/nobody/").status_code == 404
    assert "Still Public" in Client().get("/u/gone/").content.decode()
