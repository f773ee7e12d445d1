"""Tags: written once in lower case, on forms and the API, copied by forks, filtered and searched by."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import api_client_for
from persona.models import Visibility
from persona.services import persona_fork, persona_update
from persona.tags import MAX_TAGS, popular_tags, tags_parse
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_tags_are_stored_in_lower_case_once_each(alice):
    persona = PersonaFactory(owner=alice, tags=["Sci-Fi ", "sci-fi", "Space  Opera"])
    assert sorted(persona.tags.names()) == ["sci-fi", "space opera"]


def test_too_many_tags_are_refused_and_nothing_changes(alice):
    persona = PersonaFactory(owner=alice, tags=["kept"])
    with pytest.raises(ValidationError) as error:
        persona_update(persona=persona, actor=alice, tags=[f"tag {n}" for n in range(MAX_TAGS + 1)])
    assert "tags" in error.value.message_dict
    assert list(persona.tags.names()) == ["kept"]


def test_a_fork_keeps_its_parents_tags(alice, bob):
    parent = PersonaFactory(owner=alice, tags=["mentor", "fantasy"])
    fork = persona_fork(persona=parent, actor=bob)
    assert sorted(fork.tags.names()) == ["fantasy", "mentor"]


def test_typed_tags_are_split_on_commas():
    assert tags_parse(" Fantasy, mentor ,, Wise Old ") == ["fantasy", "mentor", "wise old"]


def test_search_finds_a_persona_by_its_tag_and_follows_tag_changes(alice):
    persona = PersonaFactory(owner=alice, name="Quiet Helper", description="Helps.", tags=["necromancy"])
    assert list(type(persona).objects.search("necromancy")) == [persona]
    persona_update(persona=persona, actor=alice, tags=["gardening"])
    assert list(type(persona).objects.search("necromancy")) == []
    assert list(type(persona).objects.search("gardening")) == [persona]


def test_list_page_filters_by_tag(alice, bob):
    tagged = PersonaFactory(owner=alice, tags=["pirates"])
    PersonaFactory(owner=bob, tags=["robots"])
    page = Client().get("/personas/?tag=Pirates")
    assert [p.pk for p in page.context["page"].object_list] == [tagged.pk]
    assert b'href="/personas/?tag=pirates"' in page.content


def test_api_filters_by_tag_and_lists_tags_as_strings(alice, bob):
    tagged = PersonaFactory(owner=alice, tags=["pirates", "comedy"])
    PersonaFactory(owner=bob, tags=["robots"])
    body = api_client_for(bob).get("/api/v1/personas/?tag=pirates").json()
    assert [(row["id"], row["tags"]) for row in body["results"]] == [(tagged.pk, ["comedy", "pirates"])]


def test_api_sets_tags_and_names_the_field_when_they_are_wrong(alice):
    client = api_client_for(alice)
    created = client.post("/api/v1/personas/", {"name": "Tagged One", "description": "d", "tags": ["A", "b"]})
    assert created.status_code == 201 and created.json()["tags"] == ["a", "b"]
    refused = client.patch(f"/api/v1/personas/{created.json()['id']}/", {"tags": ["x" * 51]}, format="json")
    assert refused.status_code == 400 and "tags" in str(refused.json())


def test_tag_filter_never_lists_a_strangers_private_persona(alice, charlie):
    PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, tags=["secret"])
    client = Client()
    client.force_login(charlie)
    assert list(client.get("/personas/?tag=secret").context["page"].object_list) == []
    assert api_client_for(charlie).get("/api/v1/personas/?tag=secret").json()["results"] == []
    assert "secret" not in popular_tags()


def test_edit_form_shows_and_saves_tags_with_suggestions(alice, bob):
    PersonaFactory(owner=bob, tags=["popular thing"])
    persona = PersonaFactory(owner=alice, tags=["old"])
    client = Client()
    client.force_login(alice)
    form_page = client.get(f"/personas/{persona.slug}/edit/")
    assert b'value="old"' in form_page.content and b'<option value="popular thing">' in form_page.content
    data = {**form_page.context["form"].initial, "tags": "New, Shiny", "name": persona.name}
    data = {key: value for key, value in data.items() if isinstance(value, str | bool) and key != "image"}
    data.update(
        {
            "description": persona.description,
            "visibility": persona.visibility,
            "status": persona.status,
            "prompts-TOTAL_FORMS": "0",
            "prompts-INITIAL_FORMS": "0",
        }
    )
    response = client.post(f"/personas/{persona.slug}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert sorted(persona.tags.names()) == ["new", "shiny"]


@pytest.mark.parametrize("tags", [["nul\x00here"], "not a list", [3]])
def test_api_refuses_bad_tags_naming_the_field(alice, tags):
    persona = PersonaFactory(owner=alice, tags=["kept"])
    response = api_client_for(alice).patch(f"/api/v1/personas/{persona.pk}/", {"tags": tags}, format="json")
    assert response.status_code == 400 and "tags" in str(response.json())
    assert list(persona.tags.names()) == ["kept"]


def test_multipart_tags_come_as_one_json_field(alice):
    persona = PersonaFactory(owner=alice)
    response = api_client_for(alice).patch(
        f"/api/v1/personas/{persona.pk}/", {"tags": '["Sea", "ships"]'}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["tags"] == ["sea", "ships"]
