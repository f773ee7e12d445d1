"""What chat needs from a persona (greeting, alternate greetings, scenario, example dialogue, and whether
its definitions are hidden) goes through the pages, the API, history and forks, and alternate greetings
that break the limits are refused with an error on the field."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import api_client_for
from persona import services
from persona.models import Persona, ShareRole
from persona.tests.factories import PersonaFactory
from persona.tests.test_api_personas import LIST, detail, new_persona_body
from persona.tests.test_views_forms import CREATE, persona_post
from persona.validators import MAX_ALTERNATE_GREETINGS, MAX_GREETING_LENGTH

pytestmark = pytest.mark.django_db

CHAT_FIELDS = {
    "greeting": "Hello, traveller.",
    "alternate_greetings": ["Back so soon?", "The kettle is on.\nSit down."],
    "scenario": "A quiet inn at the edge of the map.",
    "example_dialogue": "{{user}}: Any rooms?\n{{char}}: One, with a view of the sea.",
}


def chat_persona(owner, **overrides) -> Persona:
    return PersonaFactory(owner=owner, **{**CHAT_FIELDS, **overrides})


# The pages


def test_create_page_saves_every_chat_field(client, alice):
    client.force_login(alice)
    data = persona_post(
        greeting=CHAT_FIELDS["greeting"],
        alternate_greetings=[*CHAT_FIELDS["alternate_greetings"], "  "],  # the empty box is dropped
        scenario=CHAT_FIELDS["scenario"],
        example_dialogue=CHAT_FIELDS["example_dialogue"],
        definitions_hidden="on",
    )

    response = client.post(CREATE, data)

    assert response.status_code == 302, response.context["form"].errors
    persona = Persona.objects.get(name="Ada the Analyst")
    assert {name: getattr(persona, name) for name in CHAT_FIELDS} == CHAT_FIELDS
    assert persona.definitions_hidden is True


def test_edit_page_shows_each_alternate_greeting_in_its_own_box_and_one_empty_box(client, alice):
    persona = chat_persona(alice, definitions_hidden=True)
    client.force_login(alice)

    page = client.get(reverse("persona:edit", args=[persona.slug])).content.decode()

    assert page.count('name="alternate_greetings"') == 3 + 1  # two greetings, an empty box, the template
    assert 'aria-label="Alternate greeting 2"' in page and "The kettle is on." in page
    assert CHAT_FIELDS["scenario"] in page and "{{char}}: One, with a view" in page
    assert 'name="definitions_hidden"' in page and "checked" in page


def test_editing_the_greetings_keeps_the_others_and_clearing_the_boxes_removes_them(client, alice):
    persona = chat_persona(alice)
    client.force_login(alice)
    data = persona_post(
        name=persona.name, description=persona.description, greeting="Welcome back.", alternate_greetings=[""]
    )

    response = client.post(reverse("persona:edit", args=[persona.slug]), data)

    assert response.status_code == 302
    persona.refresh_from_db()
    assert (persona.greeting, persona.alternate_greetings) == ("Welcome back.", [])


def test_the_persona_page_shows_the_greetings(client, alice):
    persona = chat_persona(alice)
    client.force_login(alice)

    page = client.get(persona.get_absolute_url()).content.decode()

    assert "Hello, traveller." in page
    assert "The kettle is on.<br>Sit down." in page
    assert CHAT_FIELDS["scenario"] in page


def test_a_shared_editor_may_not_hide_or_show_the_definitions(client, alice, bob):
    persona = chat_persona(alice)
    services.persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.EDIT)
    client.force_login(bob)

    form = client.get(reverse("persona:edit", args=[persona.slug])).context["form"]

    assert form.fields["definitions_hidden"].disabled
    with pytest.raises(PermissionDenied):
        services.persona_update(persona=persona, actor=bob, definitions_hidden=True)
    persona.refresh_from_db()
    assert persona.definitions_hidden is False


# The API


def test_api_creates_and_shows_every_chat_field(alice):
    response = api_client_for(alice).post(
        LIST, new_persona_body(**CHAT_FIELDS, definitions_hidden=True), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert {name: body[name] for name in CHAT_FIELDS} == CHAT_FIELDS
    assert body["definitions_hidden"] is True
    listed = api_client_for(alice).get(LIST).json()["results"][0]
    assert {name: listed[name] for name in CHAT_FIELDS} == CHAT_FIELDS


def test_api_patch_changes_the_alternate_greetings_and_leaves_the_rest(alice):
    persona = chat_persona(alice)

    response = api_client_for(alice).patch(
        detail(persona), {"alternate_greetings": ["Only this one."]}, format="json"
    )

    assert response.status_code == 200, response.json()
    persona.refresh_from_db()
    assert persona.alternate_greetings == ["Only this one."]
    assert persona.greeting == CHAT_FIELDS["greeting"]


def test_a_multipart_put_sends_the_greetings_as_json_and_keeps_the_hiding_it_omits(alice):
    persona = chat_persona(alice, definitions_hidden=True)
    body = {
        "name": persona.name,
        "description": persona.description,
        "alternate_greetings": json.dumps(["From a form."]),
    }

    response = api_client_for(alice).put(detail(persona), body, format="multipart")

    assert response.status_code == 200, response.json()
    persona.refresh_from_db()
    assert persona.alternate_greetings == ["From a form."]
    assert persona.definitions_hidden is True


@pytest.mark.parametrize("format", ["json", "multipart"])
def test_api_refuses_alternate_greetings_that_are_an_empty_object(alice, format):
    """Regression (the schema fuzz test): {} is empty, so the model's validation let it through."""
    persona = chat_persona(alice)
    value = {} if format == "json" else "{}"

    response = api_client_for(alice).patch(detail(persona), {"alternate_greetings": value}, format=format)

    assert response.status_code == 400
    assert "alternate_greetings" in str(response.json())  # the error names the field
    persona.refresh_from_db()
    assert persona.alternate_greetings == CHAT_FIELDS["alternate_greetings"]


def test_api_refuses_an_editor_who_hides_the_definitions(alice, bob):
    persona = chat_persona(alice)
    services.persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.EDIT)

    response = api_client_for(bob).patch(detail(persona), {"definitions_hidden": True}, format="json")

    assert response.status_code == 403
    persona.refresh_from_db()
    assert persona.definitions_hidden is False


def test_the_schema_documents_the_chat_fields(client):
    components = client.get("/api/schema/?format=json").json()["components"]["schemas"]

    output, given = (
        components["PersonaDetailOutput"]["properties"],
        components["PersonaInputRequest"]["properties"],
    )
    assert output["alternate_greetings"]["maxItems"] == MAX_ALTERNATE_GREETINGS
    assert output["scenario"]["nullable"] and output["example_dialogue"]["nullable"]
    assert {"greeting", "alternate_greetings", "scenario", "example_dialogue", "definitions_hidden"} <= set(
        given
    )


# Alternate greetings beyond the limits


TOO_LONG = "x" * (MAX_GREETING_LENGTH + 1)
REFUSED = {
    "too many": ([f"Greeting {n}" for n in range(MAX_ALTERNATE_GREETINGS + 1)], "At most 10"),
    "too long": (["Fine.", TOO_LONG], "Alternate greeting 2 has 5,001 characters"),
    "blank": (["Fine.", "   "], "Alternate greeting 2 must be a non-blank text"),
    "not text": (["Fine.", 7], "Alternate greeting 2 must be a non-blank text"),
    "not a list": ("Hello.", "must be a list of texts"),
}
CASES = pytest.mark.parametrize(("greetings", "message"), REFUSED.values(), ids=REFUSED)


def test_api_refuses_an_empty_dict_as_alternate_greetings(alice):
    """Regression (found by the schema fuzz test): Django skips validators for an empty value, so `{}`
    was saved as the greetings and answered where the schema promises a list."""
    body = new_persona_body(alternate_greetings={})

    response = api_client_for(alice).post(LIST, body, format="json")

    assert response.status_code == 400
    assert "must be a list of texts" in response.json()["errors"]["alternate_greetings"][0]
    assert not Persona.objects.exists()


@CASES
def test_api_refuses_alternate_greetings_beyond_the_limits_naming_the_field(alice, greetings, message):
    response = api_client_for(alice).post(
        LIST, new_persona_body(alternate_greetings=greetings), format="json"
    )

    assert response.status_code == 400
    assert message in response.json()["errors"]["alternate_greetings"][0]
    assert not Persona.objects.exists()


@CASES
def test_the_service_refuses_them_on_the_field(alice, greetings, message):
    persona = PersonaFactory(owner=alice)

    with pytest.raises(ValidationError) as refusal:
        services.persona_update(persona=persona, actor=alice, alternate_greetings=greetings)

    assert message in refusal.value.message_dict["alternate_greetings"][0]
    persona.refresh_from_db()
    assert persona.alternate_greetings == []


@pytest.mark.parametrize("key", ["too many", "too long"])
def test_the_form_refuses_them_on_the_field_and_keeps_what_was_typed(client, alice, key):
    greetings, message = REFUSED[key]
    client.force_login(alice)

    response = client.post(CREATE, persona_post(alternate_greetings=greetings))

    assert response.status_code == 200
    assert message in response.context["form"].errors["alternate_greetings"][0]
    assert greetings[1] in response.content.decode()
    assert not Persona.objects.exists()


def test_a_nul_character_in_an_alternate_greeting_is_refused_on_the_field(alice):
    body = json.dumps(new_persona_body(alternate_greetings=["Hi\u0000there"]))

    response = api_client_for(alice).post(LIST, body, content_type="application/json")

    assert response.status_code == 400
    assert "NUL" in response.json()["errors"]["alternate_greetings"][0]


# History and forks


def test_history_records_each_chat_field_and_a_restore_brings_them_back(client, alice):
    persona = chat_persona(alice)
    created = persona.history.earliest()
    changes = {
        "greeting": "Hi.",
        "alternate_greetings": ["Yo."],
        "scenario": "A ship.",
        "example_dialogue": "-",
    }
    persona = services.persona_update(persona=persona, actor=alice, definitions_hidden=True, **changes)
    client.force_login(alice)

    newest = client.get(persona.get_absolute_url()).context["timeline"][0]

    assert {change.label: change.new for change in newest.changes} == {
        "Definitions hidden": "yes",
        "Greeting": "Hi.",
        "Alternate greetings": '["Yo."]',
        "Scenario": "A ship.",
        "Example dialogue": "-",
    }
    services.persona_restore_version(persona=persona, actor=alice, history_id=created.history_id)
    persona.refresh_from_db()
    assert {name: getattr(persona, name) for name in CHAT_FIELDS} == CHAT_FIELDS
    assert persona.definitions_hidden is True  # who sees them is not part of a version's content


def test_a_fork_copies_the_chat_fields(alice, bob):
    parent = chat_persona(alice)

    fork = services.persona_fork(persona=parent, actor=bob)

    assert {name: getattr(fork, name) for name in CHAT_FIELDS} == CHAT_FIELDS
    assert fork.definitions_hidden is False


def test_an_owner_forking_their_persona_with_hidden_definitions_keeps_them_and_their_hiding(alice):
    parent = chat_persona(alice, definitions_hidden=True, system_prompt="Mine.")

    fork = services.persona_fork(persona=parent, actor=alice)

    assert (fork.system_prompt, fork.scenario, fork.definitions_hidden) == ("Mine.", parent.scenario, True)
