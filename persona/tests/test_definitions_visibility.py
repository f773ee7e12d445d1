"""Hidden definitions (system prompt, scenario, example dialogue) behave like a "use" share everywhere:
only the owner, editors and moderators read them, on the page, in the API (detail and lists), in history
diffs and forks, and in the admin; the greetings stay visible; chat still gets them.

alice owns; bob has it shared for "use", erin for "edit"; maude moderates; charlie is a stranger."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.http import Http404
from django.urls import reverse

from accounts.tests.factories import UserFactory
from conftest import api_client_for
from persona import services
from persona.models import DEFINITION_FIELDS, Persona, ShareRole, Visibility
from persona.selectors import persona_definitions_for_chat
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

SECRETS = {
    "system_prompt": "SECRET-PROMPT-4411",
    "scenario": "SECRET-SCENE-4412",
    "example_dialogue": "SECRET-DIALOGUE-4413",
}
GREETING = "Well met, wanderer."
EVERYONE = ("owner", "use", "edit", "moderator", "stranger", "anonymous")
READERS = {"owner", "edit", "moderator"}
SHOWN = [(role, role in READERS) for role in EVERYONE]


@pytest.fixture
def cast(alice, bob, charlie, maude):
    return {
        "owner": alice,
        "use": bob,
        "edit": UserFactory(username="erin"),
        "moderator": maude,
        "stranger": charlie,
        "anonymous": None,
    }


def shared_persona(cast, *, visibility=Visibility.PUBLIC, definitions_hidden=True, **fields) -> Persona:
    persona = PersonaFactory(
        owner=cast["owner"],
        visibility=visibility,
        definitions_hidden=definitions_hidden,
        greeting=GREETING,
        alternate_greetings=["Back again?"],
        **{**SECRETS, **fields},
    )
    services.persona_share(persona=persona, actor=cast["owner"], username="bob", role=ShareRole.USE)
    services.persona_share(persona=persona, actor=cast["owner"], username="erin", role=ShareRole.EDIT)
    return persona


@pytest.fixture
def hidden(cast):
    return shared_persona(cast)


def open_page(client, user, persona):
    if user is not None:
        client.force_login(user)
    return client.get(persona.get_absolute_url())


def page_of(client, user, persona) -> str:
    return open_page(client, user, persona).content.decode()


def visible_text(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", page)


# Pages


@pytest.mark.parametrize(("role", "shown"), SHOWN)
def test_the_page_shows_hidden_definitions_only_to_editors_and_the_greetings_to_all(
    client, cast, hidden, role, shown
):
    page = page_of(client, cast[role], hidden)

    assert GREETING in page and "Back again?" in page
    for secret in SECRETS.values():
        assert (secret in page) is shown
    assert ("visible to this persona’s editors only" in page) is not shown


@pytest.mark.parametrize("role", ["stranger", "anonymous"])
def test_an_unlisted_persona_hides_them_from_whoever_has_the_link(client, cast, role):
    persona = shared_persona(cast, visibility=Visibility.UNLISTED)

    page = page_of(client, cast[role], persona)

    assert GREETING in page and SECRETS["scenario"] not in page


def test_a_use_share_of_a_private_persona_never_sees_scenario_or_example_dialogue(client, cast):
    persona = shared_persona(cast, visibility=Visibility.PRIVATE, definitions_hidden=False)

    page = page_of(client, cast["use"], persona)

    assert GREETING in page
    assert not any(secret in page for secret in SECRETS.values())


def test_showing_the_definitions_again_shows_them_to_everyone(client, cast, hidden):
    services.persona_update(persona=hidden, actor=cast["owner"], definitions_hidden=False)

    page = page_of(client, cast["stranger"], hidden)

    assert all(secret in page for secret in SECRETS.values())


# API


@pytest.mark.parametrize(("role", "shown"), SHOWN)
def test_api_detail_and_lists_null_the_hidden_definitions(cast, hidden, role, shown):
    client = api_client_for(cast[role])

    answers = [
        client.get(f"/api/v1/personas/{hidden.pk}/").json(),
        *client.get("/api/v1/personas/").json()["results"],
        *client.get("/api/v1/chat/personas").json()["personas"],
    ]

    assert len(answers) == 3
    for answer in answers:
        assert answer["greeting"] == GREETING and answer["definitions_hidden"] is True
        assert {name: answer[name] for name in DEFINITION_FIELDS} == (
            SECRETS if shown else dict.fromkeys(DEFINITION_FIELDS)
        )


# History


@pytest.fixture
def rewritten(cast, hidden):
    """The hidden definitions, each rewritten once."""
    changes = {name: value.replace("SECRET", "LATER") for name, value in SECRETS.items()}
    return services.persona_update(persona=hidden, actor=cast["owner"], **changes)


@pytest.mark.parametrize(("role", "shown"), SHOWN)
def test_history_diffs_of_hidden_definitions_show_their_values_only_to_editors(
    client, cast, rewritten, role, shown
):
    response = open_page(client, cast[role], rewritten)

    newest = response.context["timeline"][0]
    assert {change.label for change in newest.changes} == {"System prompt", "Scenario", "Example dialogue"}
    assert all(change.hidden is not shown for change in newest.changes)
    assert ("SECRET-SCENE-4412" in visible_text(response.content.decode())) is shown


@pytest.mark.parametrize(("role", "shown"), [("stranger", False), ("edit", True)])
def test_what_was_written_while_hidden_stays_hidden_in_history_once_shown(client, cast, role, shown):
    persona = shared_persona(cast, definitions_hidden=False, system_prompt="OPEN-BEFORE")
    owner = cast["owner"]
    persona = services.persona_update(
        persona=persona, actor=owner, definitions_hidden=True, system_prompt="WRITTEN-WHILE-HIDDEN"
    )
    persona = services.persona_update(
        persona=persona, actor=owner, definitions_hidden=False, system_prompt="OPEN-AFTER"
    )

    response = open_page(client, cast[role], persona)

    shown_again, hiding = response.context["timeline"][:2]
    for version in (shown_again, hiding):
        changes = [(change.label, change.hidden) for change in version.changes]
        assert changes == [("Definitions hidden", False), ("System prompt", not shown)]
    page = visible_text(response.content.decode())
    assert "OPEN-AFTER" in page  # the current definitions are open to all again
    assert ("WRITTEN-WHILE-HIDDEN" in page) is shown


# Forks


@pytest.mark.parametrize("role", ["use", "stranger"])
def test_a_fork_by_someone_the_definitions_are_hidden_from_gets_the_visible_fields_only(cast, hidden, role):
    fork = services.persona_fork(persona=hidden, actor=cast[role])

    assert {name: getattr(fork, name) for name in DEFINITION_FIELDS} == dict.fromkeys(DEFINITION_FIELDS, "")
    assert (fork.greeting, fork.alternate_greetings) == (GREETING, ["Back again?"])
    assert fork.description == hidden.description and fork.definitions_hidden is False


def test_the_fork_page_and_the_api_fork_say_and_do_the_same(client, cast, hidden):
    client.force_login(cast["stranger"])

    page = client.get(reverse("persona:fork", args=[hidden.slug])).content.decode()
    response = api_client_for(cast["stranger"]).post(f"/api/v1/personas/{hidden.pk}/actions/fork/")

    assert "the fork starts without them" in page
    assert response.status_code == 201
    assert {name: response.json()[name] for name in DEFINITION_FIELDS} == dict.fromkeys(DEFINITION_FIELDS, "")


@pytest.mark.parametrize("role", ["edit", "moderator"])
def test_a_fork_by_an_editor_copies_the_definitions_and_keeps_them_hidden(cast, hidden, role):
    fork = services.persona_fork(persona=hidden, actor=cast[role])

    assert {name: getattr(fork, name) for name in DEFINITION_FIELDS} == SECRETS
    assert fork.definitions_hidden is True


# Chat and the admin


@pytest.mark.parametrize("role", ["use", "stranger", "anonymous"])
def test_chat_reads_the_hidden_definitions_for_whoever_may_use_the_persona(cast, hidden, role):
    definitions = persona_definitions_for_chat(user=cast[role] or AnonymousUser(), persona=hidden)

    assert (definitions.system_prompt, definitions.scenario, definitions.example_dialogue) == tuple(
        SECRETS.values()
    )
    assert (definitions.greeting, definitions.alternate_greetings) == (GREETING, ("Back again?",))


def test_chat_answers_404_for_a_persona_the_user_may_not_open(cast):
    private = shared_persona(cast, visibility=Visibility.PRIVATE)

    with pytest.raises(Http404):
        persona_definitions_for_chat(user=cast["stranger"], persona=private)


def test_staff_who_only_read_personas_see_no_definitions_in_the_admin(client, cast, hidden):
    reader = UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_persona"))
    services.persona_update(persona=hidden, actor=cast["owner"], scenario="SECRET-SCENE-CHANGED")
    client.force_login(reader)

    change = client.get(f"/admin/persona/persona/{hidden.pk}/change/").content.decode()
    history = client.get(f"/admin/persona/persona/{hidden.pk}/history/").content.decode()
    version = hidden.history.earliest().history_id
    old = client.get(f"/admin/persona/persona/{hidden.pk}/history/{version}/").content.decode()

    assert GREETING in change
    for page in (change, history, old):
        assert "SECRET" not in page
    assert "(hidden from you)" in history


def test_a_moderator_sees_them_in_the_admin(client, cast, hidden):
    maude = cast["moderator"]
    maude.is_staff = True
    maude.save()
    client.force_login(maude)

    change = client.get(f"/admin/persona/persona/{hidden.pk}/change/").content.decode()

    assert all(secret in change for secret in SECRETS.values())
