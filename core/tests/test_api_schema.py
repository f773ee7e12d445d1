"""Fuzz the whole API from its own OpenAPI schema, in process: every operation in `/api/schema/` (those
added later by other apps too) gets generated requests, and no answer may be a 500 or differ from what
the schema promises (status code, content type, body).

The caller is a real staff user with an API key, who owns personas of every visibility, shares one and
has just deleted one; each persona has a post, some with comments; generated ids are steered towards
those objects so real ones are exercised.
Each operation is also sent every hostile input of core/testing/hostile_input.py (NUL characters, unpaired
surrogates, deep nesting, non-finite numbers, Unicode digits) in each path parameter, the query and the
body, as explicit examples that run whatever the seed.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as settings_module
from django.contrib.staticfiles import finders
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.services import api_token_create
from accounts.tests.factories import UserFactory
from config.wsgi import application
from content.models import Notification
from content.services import comment_create, content_create
from core.testing.hostile_input import before_add_examples, hostile_input_is_refused
from persona.models import Persona, ShareRole, Visibility
from persona.services import persona_delete, persona_share
from persona.tests.factories import PersonaFactory

# The coverage phase enumerates every boundary case the schema allows, without bound; the fuzzing phase,
# with valid and invalid inputs, keeps the run short however many endpoints the API grows. Filling in a
# missing example gives every operation one, which the hostile variants start from.
CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {"coverage": {"enabled": False}, "examples": {"fill-missing": True}},
        "generation": {"mode": "all", "with-security-parameters": False},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)

ARTIFACTS = Path(settings_module.BASE_DIR) / "test-artifacts"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    hostile_input_is_refused,
]
# Derandomized so CI is repeatable; FUZZ_EXPLORE=N explores with N random examples per operation instead.
EXPLORE = int(os.environ.get("FUZZ_EXPLORE", "0"))
FUZZ_SETTINGS = settings(
    max_examples=EXPLORE or 12,
    derandomize=not EXPLORE,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Raw WSGI calls would close pytest-django's connection at each request's start and end."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_world(db, wsgi_keeps_the_test_connection):
    """A staff caller with an API key, personas of every kind and their content (some commented on),
    notifications of the caller's and of someone else's; returns (headers, ids to aim at)."""
    caller = UserFactory(username="fuzzer", is_staff=True)
    other = UserFactory(username="otto")
    personas = [PersonaFactory(owner=caller, visibility=v) for v in Visibility.values]
    personas += [PersonaFactory(owner=other, visibility=v) for v in Visibility.values]
    personas.append(
        PersonaFactory(owner=caller, forked_from=personas[0], prompts=[{"title": "t", "text": "x"}])
    )
    persona_share(persona=personas[0], actor=caller, username="otto", role=ShareRole.USE)
    deleted = PersonaFactory(owner=caller)
    persona_delete(persona=deleted, actor=caller, reason="test_data")
    Persona.all_objects.filter(pk=deleted.pk).update(deleted_at=timezone.now() + timedelta(days=1))
    items = [
        content_create(persona=persona, actor=persona.owner, kind="post", title="Fuzzed", body="x")
        for persona in personas
    ]
    comments = [comment_create(item=item, actor=caller, text="A comment.") for item in items[:3]]  # own
    comments += [comment_create(item=item, actor=other, text="Otto's.") for item in items[:2]]  # notify
    persona_share(persona=personas[3], actor=other, username="fuzzer", role=ShareRole.USE)
    notifications = list(Notification.objects.filter(recipient__in=[caller, other]))
    _, key = api_token_create(user=caller, name="fuzz")
    ids = [p.pk for p in personas] + [deleted.pk] + [i.pk for i in items] + [c.pk for c in comments]
    ids += [n.pk for n in notifications]
    ids += _characters_of(caller)
    return {"Authorization": f"Token {key}"}, ids


def _characters_of(caller) -> list[int]:
    """A character of the caller's with an image and a style, and its tag (ids to aim at)."""
    from characters.services import character_create, tag_create
    from conftest import png_upload

    tag = tag_create(actor=caller, name="Fuzzed tag")
    character = character_create(
        actor=caller,
        name="Fuzzed character",
        tags=[tag],
        images=[{"image": png_upload(), "alt_text": "A picture"}],
        styles=[{"name": "Ink", "prompt": "ink"}],
    )
    return [character.pk, tag.pk, character.images.get().pk, character.styles.get().pk]


def aim_at_real_personas(case, ids: list[int]) -> None:
    """Most generated ids become ids of existing personas, content items or comments; the rest stay as
    generated (mostly 404s)."""
    for name, value in (case.path_parameters or {}).items():
        if re.fullmatch(r"(id|pk|.*_id|.*_pk)", name) and isinstance(value, int) and value >= 0:
            slot = value % (len(ids) + 2)
            if slot < len(ids):
                case.path_parameters[name] = ids[slot]


@schema.hooks.apply(before_add_examples)
@schema.parametrize()
@FUZZ_SETTINGS
def test_api_answers_as_its_schema_says(case, fuzz_world):
    headers, ids = fuzz_world
    aim_at_real_personas(case, ids)

    case.call_and_validate(headers=headers, checks=CHECKS)


# The schema and the interactive docs


@pytest.mark.django_db
def test_schema_documents_the_delete_and_undo_contracts(client):
    operations = client.get("/api/schema/?format=json").json()["paths"]

    delete = operations["/api/v1/personas/{id}/"]["delete"]
    undo = operations["/api/v1/personas/{id}/actions/undo-delete/"]["post"]
    assert "requestBody" in delete
    assert delete["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "PersonaDeleted"
    )
    assert {"200", "404", "409", "410"} <= set(undo["responses"])


@pytest.mark.django_db
def test_docs_page_and_its_scripts_are_served(client):
    page = client.get("/api/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    static_assets = [s.removeprefix(settings_module.STATIC_URL) for s in sources if s.startswith("/static/")]
    assert any(a.endswith("swagger-ui-bundle.js") for a in static_assets)
    assert all(finders.find(asset) for asset in static_assets), static_assets
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"] == "application/javascript"
    assert b"SwaggerUIBundle" in script.content


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_renders_the_operations_in_a_browser(live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/api/docs/")

    page.get_by_text("/api/v1/personas/{id}/actions/undo-delete/").first.wait_for(timeout=15000)
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"), full_page=False)
    assert page.title() == "Yayay API"


@pytest.mark.django_db
def test_an_unknown_api_path_is_a_json_404_and_other_paths_keep_the_html_page(client):
    api = client.get("/api/v1/personas/not.an.id/")
    page = client.get("/no-such-page/")

    assert api.status_code == 404
    assert api.json() == {"detail": "Not found."}
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
