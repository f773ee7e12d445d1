"""Statuses mean something: a draft is listed for its editors only, an archived persona is out of the
default lists and of search (an "Archived" filter brings it back) and neither answers nor chats."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import api_client_for
from persona.models import ShareRole, Status, Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
LIST, API = reverse("persona:list"), "/api/v1/personas/"


@pytest.fixture
def shelf(alice, bob, charlie):
    """Alice's public draft (shared with bob to edit and charlie to use), an archived and an active one."""
    draft = PersonaFactory(owner=alice, name="Draft Dora", visibility=Visibility.PUBLIC, status=Status.DRAFT)
    persona_share(persona=draft, actor=alice, username=bob.username, role=ShareRole.EDIT)
    persona_share(persona=draft, actor=alice, username=charlie.username, role=ShareRole.USE)
    PersonaFactory(owner=alice, name="Archived Arlo", visibility=Visibility.PUBLIC, status=Status.ARCHIVED)
    PersonaFactory(owner=alice, name="Active Ada", visibility=Visibility.PUBLIC)
    return draft


def html_names(user, **params) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(LIST, params).content.decode()


def api_names(user, **params) -> list[str]:
    client = api_client_for(user) if user is not None else Client()
    return sorted(row["name"] for row in client.get(API, params).json()["results"])


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [("alice", True), ("bob", True), ("maude", True), ("charlie", False), ("dave", False), (None, False)],
    ids=["owner", "editor", "moderator", "use-share", "stranger", "anonymous"],
)
def test_a_public_draft_is_listed_for_its_editors_only(request, shelf, who, sees_draft):
    user = request.getfixturevalue(who) if who in ("alice", "bob", "charlie", "maude") else None
    if who == "dave":
        user = PersonaFactory().owner

    assert ("Draft Dora" in api_names(user)) is sees_draft
    assert ("Draft Dora" in api_names(user, search="Dora")) is sees_draft
    assert ("Draft Dora" in html_names(user)) is sees_draft
    assert ("Draft Dora" in html_names(user, q="Dora")) is sees_draft


def test_others_may_still_open_a_public_draft_by_its_link(shelf):
    assert Client().get(shelf.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["alice", None])
def test_archived_personas_are_out_of_the_default_list_and_search(request, shelf, who):
    user = request.getfixturevalue(who) if who else None

    assert "Archived Arlo" not in api_names(user)
    assert "Archived Arlo" not in api_names(user, search="Arlo")
    assert "Archived Arlo" not in html_names(user)
    assert "Archived Arlo" not in html_names(user, q="Arlo")
    assert "Active Ada" in html_names(user)


@pytest.mark.parametrize("who", ["alice", None])
def test_the_archived_filter_lists_only_archived_ones(request, shelf, who):
    user = request.getfixturevalue(who) if who else None

    assert api_names(user, status="archived") == ["Archived Arlo"]
    page = html_names(user, status="archived")
    assert "Archived Arlo" in page and "Active Ada" not in page


def test_the_list_filter_explains_where_archived_personas_are(alice, shelf):
    page = html_names(alice)

    assert "Archived personas are listed only when you choose Archived." in page


def test_an_archived_persona_does_not_chat_and_says_why(alice, shelf):
    client = Client()
    client.force_login(alice)
    archived = shelf.owner.persona_personas.get(name="Archived Arlo")

    response = client.get(reverse("chat:start", args=[archived.slug]), follow=True)

    assert response.redirect_chain[-1][0] == archived.get_absolute_url()
    assert "is archived: its owner has retired it, so it does not chat" in response.content.decode()
    assert not archived.chats.exists()


def test_a_private_persona_of_someone_else_still_404s_on_chat(bob):
    private = PersonaFactory(visibility=Visibility.PRIVATE, status=Status.ARCHIVED)
    client = Client()
    client.force_login(bob)

    assert client.get(reverse("chat:start", args=[private.slug])).status_code == 404
