"""A persona's JSON fields (personality traits, capabilities) refuse hostile documents at every entry point
(API bodies, multipart form values, the pages, the admin, a service call) with an error on the field, and
nothing is saved. Each of these once answered 500 (issue 6)."""

import json

import pytest
from django.core.exceptions import ValidationError

from conftest import api_client_for
from core.testing.hostile_input import HOSTILE_JSON_DOCUMENTS, HOSTILE_JSON_VALUES
from persona import services
from persona.models import Persona
from persona.tests.factories import PersonaFactory
from persona.tests.test_api_personas import LIST, detail, new_persona_body
from persona.tests.test_views_forms import CREATE, persona_post

pytestmark = pytest.mark.django_db

JSON_FIELDS = ["personality_traits", "capabilities"]
VALUES = pytest.mark.parametrize(("text", "refusal"), HOSTILE_JSON_VALUES.values(), ids=HOSTILE_JSON_VALUES)
DOCUMENTS = pytest.mark.parametrize(
    ("document", "refusal"), HOSTILE_JSON_DOCUMENTS.values(), ids=HOSTILE_JSON_DOCUMENTS
)


def raw_json_body(field: str, text: str) -> str:
    """A persona body whose `field` holds {"x": <text>}, spelled as a client may (not as json.dumps)."""
    body = json.dumps({**new_persona_body(), field: "PLACEHOLDER"})
    return body.replace('"PLACEHOLDER"', f'{{"x": {text}}}')


@pytest.mark.parametrize("field", JSON_FIELDS)
@VALUES
def test_api_refuses_a_hostile_json_value_naming_the_field(alice, field, text, refusal):
    response = api_client_for(alice).post(LIST, raw_json_body(field, text), content_type="application/json")

    assert response.status_code == 400
    assert refusal in response.json()["errors"][field][0]
    assert not Persona.objects.exists()


def test_api_patch_with_nan_changes_nothing(alice):
    persona = PersonaFactory(owner=alice, personality_traits={"warmth": 0.5})

    response = api_client_for(alice).patch(
        detail(persona), '{"personality_traits": {"warmth": NaN}}', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["personality_traits"] == [
        "NaN is not allowed (JSON numbers are finite) at $.personality_traits.warmth."
    ]
    persona.refresh_from_db()
    assert persona.personality_traits == {"warmth": 0.5}


def test_api_refuses_a_whole_body_nested_5000_deep(alice):
    response = api_client_for(alice).post(LIST, "[" * 5000 + "]" * 5000, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == "The JSON is nested deeper than 32 levels (line 1, column 33)."


@pytest.mark.parametrize("field", [*JSON_FIELDS, "prompts"])
@DOCUMENTS
def test_api_refuses_a_hostile_json_form_value_in_multipart(alice, field, document, refusal):
    body = {"name": "Ada the Analyst", "description": "Numbers.", field: document}

    response = api_client_for(alice).post(LIST, body, format="multipart")

    assert response.status_code == 400
    assert refusal in str(response.json()["errors"][field])
    assert not Persona.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"personality_traits-name": ["x\x00"], "personality_traits-value": ["0.5"]},
        {"capabilities": ["x\x00"]},
    ],
    ids=["NUL in a trait", "NUL in a capability"],
)
def test_create_page_refuses_a_nul_in_the_rows(client, alice, fields):
    client.force_login(alice)

    response = client.post(CREATE, persona_post(**fields))

    assert response.status_code == 400
    assert not Persona.objects.exists()


@pytest.mark.parametrize("field", JSON_FIELDS)
@DOCUMENTS
def test_admin_change_form_refuses_a_hostile_document(client, maude, alice, field, document, refusal):
    maude.is_staff = True
    maude.save()
    client.force_login(maude)
    persona = PersonaFactory(owner=alice, capabilities={"charts": True})
    form = {
        **persona_post(name=persona.name, **{field: document}),
        "shares-TOTAL_FORMS": "0",
        "shares-INITIAL_FORMS": "0",
    }

    response = client.post(f"/admin/persona/persona/{persona.pk}/change/", form)

    assert response.status_code == 200
    assert refusal in " ".join(response.context["adminform"].form.errors[field])
    persona.refresh_from_db()
    assert persona.personality_traits == {"curiosity": 0.8, "warmth": 0.6}
    assert persona.capabilities == {"charts": True}


def _nested(levels: int) -> list:
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize("field", JSON_FIELDS)
@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        ({"x": float("nan")}, "NaN is not allowed"),
        ({"x": float("-inf")}, "-Infinity is not allowed"),
        ({"x": 10**200}, "more than 100 digits"),
        ({"x": "\udfff"}, "unpaired surrogate"),
        ({"x\x00": 1}, "NUL character"),
        ({"x": _nested(1000)}, "nested deeper than 32 levels"),
    ],
    ids=["nan", "-inf", "200-digit int", "lone surrogate", "NUL in a key", "nested 1,000 deep"],
)
def test_a_service_call_is_refused_by_the_model_field(alice, field, value, refusal):
    with pytest.raises(ValidationError) as error:
        services.persona_create(owner=alice, name="Hostile", description="Values.", **{field: value})

    assert refusal in " ".join(error.value.message_dict[field])
    assert not Persona.all_objects.exists()
