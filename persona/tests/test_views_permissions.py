"""The permission matrix, through the pages: who lists, opens, edits a persona and sees its system prompt.

alice owns; bob has it shared for "use", erin for "edit"; maude moderates; charlie is a stranger."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

SECRET = "SECRET-SYSTEM-PROMPT-7731"
EVERYONE = ("owner", "use", "edit", "moderator", "stranger", "anonymous")
LISTED_FOR = {
    "private": {"owner", "use", "edit", "moderator"},
    "unlisted": {"owner", "use", "edit", "moderator"},
    "public": set(EVERYONE),
}
OPENS_FOR = {
    "private": {"owner", "use", "edit", "moderator"},
    "unlisted": set(EVERYONE),
    "public": set(EVERYONE),
}
EDITS_FOR = {"owner", "edit", "moderator"}
PROMPT_HIDDEN_FOR = {"private": {"use"}, "unlisted": set(), "public": set()}
MATRIX = [(visibility, role) for visibility in ("private", "unlisted", "public") for role in EVERYONE]
READERS = [(visibility, role) for visibility, role in MATRIX if role in OPENS_FOR[visibility]]


@pytest.fixture
def cast(alice, bob, charlie, maude):
    erin = UserFactory(username="erin")
    return {
        "owner": alice,
        "use": bob,
        "edit": erin,
        "moderator": maude,
        "stranger": charlie,
        "anonymous": None,
    }


def shared_persona(cast, visibility: str):
    persona = PersonaFactory(owner=cast["owner"], visibility=visibility, system_prompt=SECRET)
    persona_share(persona=persona, actor=cast["owner"], username="bob", role="use")
    persona_share(persona=persona, actor=cast["owner"], username="erin", role="edit")
    return persona


def client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("visibility", "role"), MATRIX)
def test_list_shows_a_persona_only_to_those_it_is_listed_for(client, cast, visibility, role):
    persona = shared_persona(cast, visibility)

    response = client_as(client, cast[role]).get(reverse("persona:list"))

    assert response.status_code == 200
    assert (persona.get_absolute_url() in response.content.decode()) == (role in LISTED_FOR[visibility])


@pytest.mark.parametrize(("visibility", "role"), MATRIX)
def test_search_obeys_the_same_rules_as_the_list(client, cast, visibility, role):
    persona = shared_persona(cast, visibility)

    response = client_as(client, cast[role]).get(reverse("persona:list"), {"q": persona.name})

    assert (persona.get_absolute_url() in response.content.decode()) == (role in LISTED_FOR[visibility])


@pytest.mark.parametrize(("visibility", "role"), MATRIX)
def test_detail_answers_404_to_those_who_may_not_see_it(client, cast, visibility, role):
    persona = shared_persona(cast, visibility)

    response = client_as(client, cast[role]).get(persona.get_absolute_url())

    assert response.status_code == (200 if role in OPENS_FOR[visibility] else 404)


@pytest.mark.parametrize(("visibility", "role"), READERS)
def test_system_prompt_is_shown_only_to_those_allowed(client, cast, visibility, role):
    persona = shared_persona(cast, visibility)

    page = client_as(client, cast[role]).get(persona.get_absolute_url()).content.decode()

    hidden = role in PROMPT_HIDDEN_FOR[visibility]
    assert (SECRET in page) is not hidden
    assert ("visible to this persona’s editors only" in page) is hidden


@pytest.mark.parametrize(("visibility", "role"), MATRIX)
def test_edit_page_is_200_for_editors_403_for_viewers_404_for_the_rest(client, cast, visibility, role):
    persona = shared_persona(cast, visibility)

    response = client_as(client, cast[role]).get(reverse("persona:edit", args=[persona.slug]))

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    elif role in EDITS_FOR:
        assert response.status_code == 200
    elif role in OPENS_FOR[visibility]:
        assert response.status_code == 403
        assert "You can’t do that" in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ["use", "stranger"])
def test_a_refused_edit_post_changes_nothing(client, cast, role):
    persona = shared_persona(cast, "public" if role == "stranger" else "private")
    url = reverse("persona:edit", args=[persona.slug])

    response = client_as(client, cast[role]).post(url, {"name": "Hijacked", "description": "x"})

    assert response.status_code == 403
    persona.refresh_from_db()
    assert persona.name != "Hijacked"


def test_edit_page_shows_the_system_prompt_to_a_shared_editor(client, cast):
    persona = shared_persona(cast, "private")

    page = client_as(client, cast["edit"]).get(reverse("persona:edit", args=[persona.slug]))

    assert SECRET in page.content.decode()


def test_shared_editor_cannot_change_visibility_or_status(client, cast):
    persona = shared_persona(cast, "private")

    form = client_as(client, cast["edit"]).get(reverse("persona:edit", args=[persona.slug])).context["form"]

    assert form.fields["visibility"].disabled
    assert form.fields["status"].disabled
    assert not form.fields["name"].disabled


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("edit", 403), ("use", 403), ("moderator", 403), ("stranger", 404)],
)
def test_only_the_owner_opens_the_share_page(client, cast, role, expected):
    persona = shared_persona(cast, "private")

    response = client_as(client, cast[role]).get(reverse("persona:share", args=[persona.slug]))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("moderator", 200), ("edit", 403), ("use", 403), ("stranger", 404)],
)
def test_only_the_owner_or_a_moderator_opens_the_delete_page(client, cast, role, expected):
    persona = shared_persona(cast, "private")

    response = client_as(client, cast[role]).get(reverse("persona:delete", args=[persona.slug]))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("owner", 302), ("moderator", 302), ("edit", 403), ("stranger", 404)]
)
def test_archive_is_for_the_owner_or_a_moderator(client, cast, role, expected):
    persona = shared_persona(cast, "private")

    response = client_as(client, cast[role]).post(reverse("persona:archive", args=[persona.slug]))

    assert response.status_code == expected
    persona.refresh_from_db()
    assert (persona.status == "archived") == (expected == 302)


@pytest.mark.parametrize(("role", "expected"), [("use", 200), ("stranger", 404), ("anonymous", 302)])
def test_fork_page_needs_a_visible_persona_and_a_login(client, cast, role, expected):
    persona = shared_persona(cast, "private")

    response = client_as(client, cast[role]).get(reverse("persona:fork", args=[persona.slug]))

    assert response.status_code == expected


def test_detail_offers_only_the_actions_the_user_may_take(client, cast):
    persona = shared_persona(cast, "public")
    edit_url = reverse("persona:edit", args=[persona.slug])
    share_url = reverse("persona:share", args=[persona.slug])

    owner_page = client_as(client, cast["owner"]).get(persona.get_absolute_url()).content.decode()
    client.logout()
    stranger_page = client_as(client, cast["stranger"]).get(persona.get_absolute_url()).content.decode()

    assert edit_url in owner_page and share_url in owner_page and "Delete…" in owner_page
    assert edit_url not in stranger_page and share_url not in stranger_page and "Delete…" not in stranger_page
    assert reverse("persona:fork", args=[persona.slug]) in stranger_page
