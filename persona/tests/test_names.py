"""Persona names: unique per owner and among public personas, compared by how they look, never telling
anyone about personas they cannot see."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from conftest import api_client_for
from persona import services
from persona.models import OWN_NAME_TAKEN, PUBLIC_NAME_TAKEN, Persona, Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/personas/"


def create(user, name, visibility=Visibility.PRIVATE):
    body = {"name": name, "description": "Someone.", "visibility": visibility}
    return api_client_for(user).post(LIST, body, format="json")


@pytest.mark.parametrize("hidden", [Visibility.PRIVATE, Visibility.UNLISTED])
def test_a_name_someone_uses_privately_is_free_for_others_and_nothing_tells_them(alice, bob, hidden):
    PersonaFactory(owner=alice, name="Secret Project", visibility=hidden)

    for visibility in Visibility.values:
        response = create(bob, "secret project", visibility)
        assert response.status_code == 201, response.json()
        services.persona_delete(persona=Persona.objects.get(pk=response.json()["id"]), actor=bob)


def test_slugs_look_the_same_whether_or_not_a_hidden_persona_has_the_name(alice, bob):
    hidden = PersonaFactory(owner=alice, name="Secret Project", visibility=Visibility.PRIVATE)

    slug = create(bob, "Secret Project").json()["slug"]
    fresh = create(bob, "Unheard Of Name").json()["slug"]

    assert re.fullmatch(r"secret-project-[a-z0-9]{6}", slug) and slug != hidden.slug
    assert re.fullmatch(r"unheard-of-name-[a-z0-9]{6}", fresh)


def test_a_public_name_is_taken_for_every_public_persona_and_look_alikes(alice, bob):
    PersonaFactory(owner=alice, name="Chef Basil", visibility=Visibility.PUBLIC)

    for look_alike in ("chef basil", "Chef Basіl", "Chef  Basil", "CHEF BASIL"):
        response = create(bob, look_alike, Visibility.PUBLIC)
        assert response.status_code == 400, look_alike
        assert response.json()["errors"]["name"] == [PUBLIC_NAME_TAKEN]
    assert create(bob, "Chef Basil", Visibility.PRIVATE).status_code == 201


def test_making_a_persona_public_under_a_public_name_is_refused_on_name(alice, bob):
    PersonaFactory(owner=alice, name="Nova", visibility=Visibility.PUBLIC)
    mine = PersonaFactory(owner=bob, name="Nova", visibility=Visibility.PRIVATE)

    response = api_client_for(bob).patch(f"{LIST}{mine.pk}/", {"visibility": "public"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["name"] == [PUBLIC_NAME_TAKEN]
    mine.refresh_from_db()
    assert mine.visibility == Visibility.PRIVATE


def test_an_owner_cannot_have_two_personas_that_look_the_same(alice):
    PersonaFactory(owner=alice, name="Paul the Poet", visibility=Visibility.PRIVATE)

    response = create(alice, "PauI the Poet")

    assert response.status_code == 400
    assert response.json()["errors"]["name"] == [OWN_NAME_TAKEN]


@pytest.mark.parametrize("name", ["No\u200bva", "Nova\u202eavon", "\u3164Nova", "Nova\u2028Line"])
def test_names_with_invisible_characters_are_a_400_naming_the_character(alice, name):
    response = create(alice, name)

    assert response.status_code == 400
    assert "invisible or control characters" in response.json()["errors"]["name"][0]
    assert not Persona.objects.exists()


def test_names_are_stored_normalized(alice):
    response = create(alice, "  Ｎｏｖａ   Prime ")

    assert response.status_code == 201
    assert Persona.objects.get().name == "Nova Prime"


def test_the_create_page_shows_the_character_error_on_the_name_field(client, alice):
    client.force_login(alice)
    data = {"name": "Nova\u202e", "description": "Hi.", "visibility": "private", "status": "active"}
    data.update({"prompts-TOTAL_FORMS": "0", "prompts-INITIAL_FORMS": "0"})

    response = client.post(reverse("persona:create"), data)

    assert response.status_code == 200
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in " ".join(response.context["form"].errors["name"])
    assert not Persona.objects.exists()


def test_the_migration_renumbers_existing_look_alikes_and_drops_hidden_characters(alice):
    original = PersonaFactory(owner=alice, name="Nova")
    look_alike = PersonaFactory(owner=alice, name="Something Else")
    padded = PersonaFactory(owner=alice, name="Other One")
    Persona.objects.filter(pk=look_alike.pk).update(name="Nоva")  # as stored before names were compared
    Persona.objects.filter(pk=padded.pk).update(name="Zero\u200bWidth")
    migration = importlib.import_module(_migration_module("name_lookalike_keys"))

    migration.fill_name_keys(apps, None)

    names = dict(Persona.objects.values_list("pk", "name"))
    assert names == {original.pk: "Nova", look_alike.pk: "Nоva (2)", padded.pk: "ZeroWidth"}
    assert Persona.objects.get(pk=padded.pk).name_key == "zerowidth"


def _migration_module(suffix: str) -> str:
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "migrations"
    (path,) = folder.glob(f"*_{suffix}.py")
    return f"persona.migrations.{path.stem}"
