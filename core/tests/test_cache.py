"""Anonymous visitors' persona lists and pages come from a short-lived cache that forgets a page as
soon as a persona changes; signed-in visitors and API callers with a key always get fresh answers."""

import pytest
from django.test import Client, override_settings

from conftest import api_client_for
from persona import services
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("anonymous_cache_on")]


@pytest.fixture
def anonymous_cache_on():
    with override_settings(ANONYMOUS_CACHE_SECONDS=60):
        yield


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Run a change as a committed request would: its after-commit work happens."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def test_a_repeated_anonymous_list_is_served_without_touching_the_database(alice, django_assert_num_queries):
    PersonaFactory(owner=alice, name="Cached Carl")
    first = Client().get("/personas/")

    with django_assert_num_queries(0):
        again = Client().get("/personas/")

    assert again.status_code == 200 and "Cached Carl" in again.content.decode()
    assert again.content == first.content


def test_a_new_persona_shows_at_once_for_anonymous_visitors(alice, change):
    Client().get("/personas/")

    change(services.persona_create, owner=alice, name="Fresh Fiona", description="New.", visibility="public")

    assert "Fresh Fiona" in Client().get("/personas/").content.decode()


def test_a_persona_made_private_disappears_at_once_from_cached_pages_and_api(alice, change):
    persona = PersonaFactory(owner=alice, name="Soon Hidden", visibility=Visibility.PUBLIC)
    page, api = persona.get_absolute_url(), f"/api/v1/personas/{persona.pk}/"
    assert Client().get(page).status_code == 200 and api_client_for(None).get(api).status_code == 200

    change(services.persona_update, persona=persona, actor=alice, visibility=Visibility.PRIVATE)

    assert Client().get(page).status_code == 404
    assert api_client_for(None).get(api).status_code == 404
    assert "Soon Hidden" not in api_client_for(None).get("/api/v1/personas/").content.decode()


def test_signed_in_visitors_and_api_keys_never_get_the_anonymous_copy(alice):
    from accounts.services import api_token_create

    PersonaFactory(owner=alice, name="Alice Private", visibility=Visibility.PRIVATE)
    Client().get("/personas/")
    api_client_for(None).get("/api/v1/personas/")
    signed_in = Client()
    signed_in.force_login(alice)
    _, key = api_token_create(user=alice, name="script")

    assert "Alice Private" in signed_in.get("/personas/").content.decode()
    assert "Alice Private" in Client().get("/api/v1/personas/", HTTP_X_API_KEY=key).content.decode()


def test_json_and_html_answers_of_one_address_are_cached_apart(alice):
    PersonaFactory(owner=alice)

    json_answer = Client().get("/api/v1/personas/", HTTP_ACCEPT="application/json")
    html_answer = Client().get("/api/v1/personas/", HTTP_ACCEPT="text/html")

    assert json_answer["Content-Type"].startswith("application/json")
    assert html_answer["Content-Type"].startswith("text/html")
