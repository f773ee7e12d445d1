"""The permission matrix through the API: alice owns, bob may use, dave may edit, maude moderates,
charlie is a stranger, and anonymous callers have no account; against private, unlisted and public."""

import pytest

from accounts.tests.factories import UserFactory
from conftest import api_client_for
from persona.models import Persona, ShareRole, Status, Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

PRIVATE, UNLISTED, PUBLIC = Visibility.PRIVATE, Visibility.UNLISTED, Visibility.PUBLIC
ACTORS = ["owner", "shared_use", "shared_edit", "moderator", "stranger", "anonymous"]


@pytest.fixture
def cast(alice, bob, charlie, maude):
    return {
        "owner": alice,
        "shared_use": bob,
        "shared_edit": UserFactory(username="dave"),
        "moderator": maude,
        "stranger": charlie,
        "anonymous": None,
    }


@pytest.fixture
def make_persona(cast):
    def make(visibility) -> Persona:
        persona = PersonaFactory(owner=cast["owner"], visibility=visibility, system_prompt="Secret")
        persona_share(persona=persona, actor=cast["owner"], username="bob", role=ShareRole.USE)
        persona_share(persona=persona, actor=cast["owner"], username="dave", role=ShareRole.EDIT)
        return persona

    return make


def call(cast, actor, method, path, body=None):
    client = api_client_for(cast[actor])
    return getattr(client, method)(path, body, format="json")


def url(persona, suffix=""):
    return f"/api/v1/personas/{persona.pk}/{suffix}"


def row(*values) -> dict:
    """One value per actor, in the order of ACTORS."""
    return dict(zip(ACTORS, values, strict=True))


# Columns: owner, shared_use, shared_edit, moderator, stranger, anonymous.
DETAIL = {
    PRIVATE: row(200, 200, 200, 200, 404, 404),
    UNLISTED: row(200, 200, 200, 200, 200, 200),
    PUBLIC: row(200, 200, 200, 200, 200, 200),
}
LISTED = {
    PRIVATE: row(True, True, True, True, False, False),
    UNLISTED: row(True, True, True, True, False, False),
    PUBLIC: row(True, True, True, True, True, True),
}


def _writes(allowed: set[str], ok: int) -> dict:
    """Statuses for a write: `ok` for the allowed actors, 401 for anonymous, 404 for the stranger on a
    private persona and 403 for everyone else (they can see the persona but not change it)."""
    table = {}
    for visibility in (PRIVATE, UNLISTED, PUBLIC):
        row = {actor: ok if actor in allowed else 403 for actor in ACTORS}
        row["anonymous"] = 401
        if visibility == PRIVATE:
            row["stranger"] = 404
        table[visibility] = row
    return table


EDIT = _writes({"owner", "shared_edit", "moderator"}, 200)
MANAGE = _writes({"owner", "moderator"}, 200)
FORK = _writes({"owner", "shared_use", "shared_edit", "moderator", "stranger"}, 201)
SHARE = _writes({"owner"}, 200)


def cases(table):
    return [(visibility, actor, table[visibility][actor]) for visibility in table for actor in ACTORS]


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(DETAIL))
def test_detail(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)

    response = call(cast, actor, "get", url(persona))

    assert response.status_code == expected
    if expected == 404:
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(LISTED))
def test_list_and_search(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)

    listed = call(cast, actor, "get", "/api/v1/personas/").json()["results"]
    searched = call(cast, actor, "get", f"/api/v1/personas/?search={persona.name}").json()["results"]
    chat = call(cast, actor, "get", "/api/v1/chat/personas").json()["personas"]

    assert (persona.pk in [p["id"] for p in listed]) is expected
    assert (persona.pk in [p["id"] for p in searched]) is expected
    assert (persona.pk in [p["id"] for p in chat]) is expected


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(EDIT))
def test_update(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)

    response = call(cast, actor, "patch", url(persona), {"description": "Changed by API"})

    assert response.status_code == expected
    persona.refresh_from_db()
    assert (persona.description == "Changed by API") is (expected == 200)


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(MANAGE))
def test_delete(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)

    response = call(cast, actor, "delete", url(persona))

    assert response.status_code == expected
    assert Persona.objects.filter(pk=persona.pk).exists() is (expected != 200)


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(MANAGE))
def test_archive(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)

    response = call(cast, actor, "post", url(persona, "actions/archive/"))

    assert response.status_code == expected
    persona.refresh_from_db()
    assert (persona.status == Status.ARCHIVED) is (expected == 200)


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(FORK))
def test_fork(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)

    response = call(cast, actor, "post", url(persona, "actions/fork/"))

    assert response.status_code == expected
    assert persona.forks.exists() is (expected == 201)


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(SHARE))
def test_share(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)

    listed = call(cast, actor, "get", url(persona, "actions/share/"))
    shared = call(cast, actor, "post", url(persona, "actions/share/"), {"username": "charlie", "role": "use"})

    assert listed.status_code == expected
    assert shared.status_code == expected
    assert persona.shares.filter(user__username="charlie").exists() is (expected == 200)


@pytest.mark.parametrize(("visibility", "actor", "expected"), cases(MANAGE))
def test_undo_delete(cast, make_persona, visibility, actor, expected):
    persona = make_persona(visibility)
    call(cast, "owner", "delete", url(persona))
    if actor in ("shared_use", "shared_edit", "stranger"):
        expected = 404  # a deleted persona exists for nobody but those who may bring it back

    response = call(cast, actor, "post", url(persona, "actions/undo-delete/"))

    assert response.status_code == expected
    assert Persona.objects.filter(pk=persona.pk).exists() is (expected == 200)


@pytest.mark.parametrize("actor", ACTORS)
def test_system_prompt_of_a_private_persona(cast, make_persona, actor):
    persona = make_persona(PRIVATE)
    shown = {"owner": True, "shared_edit": True, "moderator": True, "shared_use": False}

    response = call(cast, actor, "get", url(persona))

    if actor in shown:
        assert (response.json()["system_prompt"] == "Secret") is shown[actor]
    else:
        assert response.status_code == 404
