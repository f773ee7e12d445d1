"""Actions under `/api/v1/personas/{id}/actions/`, the delete contract and the default persona."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from conftest import api_client_for, png_upload
from persona.models import Persona, ShareRole, Status, Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def url(persona, suffix=""):
    return f"/api/v1/personas/{persona.pk}/{suffix}"


# Fork


def test_fork_copies_the_persona_into_a_private_one_of_your_own(alice, bob):
    parent = PersonaFactory(
        owner=alice,
        name="Sage",
        image=png_upload(),
        ai_link="https://example.com/sage",
        personality_traits={"calm": 0.9},
        capabilities={"poetry": True},
        prompts=[{"title": "Breathe", "text": "Slowly."}],
    )

    response = api_client_for(bob).post(url(parent, "actions/fork/"))

    assert response.status_code == 201
    fork = response.json()
    assert fork["name"] == "Sage (fork)"
    assert fork["owner"] == "bob"
    assert fork["visibility"] == Visibility.PRIVATE
    assert fork["forked_from"] == parent.pk
    assert fork["system_prompt"] == parent.system_prompt
    assert fork["description"] == parent.description
    assert fork["ai_link"] == "https://example.com/sage"
    assert fork["personality_traits"] == {"calm": 0.9}
    assert fork["capabilities"] == {"poetry": True}
    assert fork["prompts"] == [{"title": "Breathe", "text": "Slowly."}]
    assert fork["image"] and fork["thumbnail"]
    assert fork["lineage"]["ancestors"] == [{"id": parent.pk, "name": "Sage", "slug": parent.slug}]


def test_fork_takes_name_and_description_overrides(alice):
    parent = PersonaFactory(owner=alice)

    response = api_client_for(alice).post(
        url(parent, "actions/fork"), {"name": "My Own Take", "description": "Mine."}, format="json"
    )

    assert response.status_code == 201
    assert (response.json()["name"], response.json()["description"]) == ("My Own Take", "Mine.")


def test_fork_with_a_taken_name_is_a_400_naming_name(alice):
    parent = PersonaFactory(owner=alice, name="Taken Name")

    response = api_client_for(alice).post(url(parent, "actions/fork/"), {"name": "taken name"}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()["errors"]


def test_shared_use_fork_does_not_copy_the_hidden_system_prompt(alice, bob):
    parent = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, system_prompt="Hidden")
    persona_share(persona=parent, actor=alice, username="bob", role=ShareRole.USE)

    fork = api_client_for(bob).post(url(parent, "actions/fork/")).json()

    assert fork["system_prompt"] == ""


def test_lineage_shows_ancestors_and_forks_on_both_ends(alice, bob):
    root = PersonaFactory(owner=alice, name="Root One")
    child = api_client_for(bob).post(url(root, "actions/fork/"), {"name": "Child One"}, format="json").json()
    child_persona = Persona.objects.get(pk=child["id"])
    api_client_for(bob).patch(url(child_persona), {"visibility": "public"}, format="json")
    grandchild = api_client_for(alice).post(url(child_persona, "actions/fork/")).json()

    root_view = api_client_for(alice).get(url(root)).json()
    grandchild_view = api_client_for(alice).get(f"/api/v1/personas/{grandchild['id']}/").json()

    assert root_view["forks_count"] == 1
    assert [f["name"] for f in root_view["lineage"]["forks"]] == ["Child One"]
    assert [a["name"] for a in grandchild_view["lineage"]["ancestors"]] == ["Root One", "Child One"]


def test_lineage_hides_a_parent_you_may_not_see(alice, bob):
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    fork = PersonaFactory(owner=alice, forked_from=secret, visibility=Visibility.PUBLIC)

    shown = api_client_for(bob).get(url(fork)).json()

    assert shown["forked_from"] is None
    assert shown["lineage"]["ancestors"] == []
    assert api_client_for(alice).get(url(fork)).json()["forked_from"] == secret.pk


def test_forks_count_counts_only_forks_you_may_see(alice, bob):
    parent = PersonaFactory(owner=alice)
    PersonaFactory(owner=alice, forked_from=parent, visibility=Visibility.PRIVATE)
    PersonaFactory(owner=alice, forked_from=parent, visibility=Visibility.PUBLIC)

    assert api_client_for(alice).get(url(parent)).json()["forks_count"] == 2
    assert api_client_for(bob).get(url(parent)).json()["forks_count"] == 1


# Archive and restore


def test_archive_then_restore(alice):
    persona = PersonaFactory(owner=alice)
    client = api_client_for(alice)

    archived = client.post(url(persona, "actions/archive/"))
    restored = client.post(url(persona, "actions/restore"))

    assert archived.json()["status"] == Status.ARCHIVED
    assert restored.json()["status"] == Status.ACTIVE


# Delete and undo


def test_delete_answers_the_research_front_end_contract(alice):
    persona = PersonaFactory(owner=alice, prompts=[{"title": "a", "text": "b"}])
    before = timezone.now()

    response = api_client_for(alice).delete(
        url(persona), {"reason": "duplicate", "reason_detail": "Same as Ada"}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["persona_id"] == persona.pk
    assert body["status"] == "deleted"
    assert body["deleted_by"] == "alice"
    deleted_at = parse_datetime(body["deleted_at"])
    assert deleted_at >= before
    assert parse_datetime(body["undo_available_until"]) == deleted_at + timedelta(seconds=30)
    assert body["related_data"]["prompts"] == 1
    assert body["message"]
    persona = Persona.all_objects.get(pk=persona.pk)
    assert (persona.delete_reason, persona.delete_reason_detail) == ("duplicate", "Same as Ada")


def test_deleted_persona_disappears_from_list_and_detail_at_once(alice):
    persona = PersonaFactory(owner=alice)
    client = api_client_for(alice)

    client.delete(url(persona))

    assert client.get(url(persona)).status_code == 404
    assert client.get("/api/v1/personas/").json()["results"] == []


def test_delete_without_body_works_and_bad_reason_is_a_400(alice):
    first, second = PersonaFactory(owner=alice), PersonaFactory(owner=alice)
    client = api_client_for(alice)

    assert client.delete(url(first)).status_code == 200
    response = client.delete(url(second), {"reason": "bored"}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_undo_inside_the_window_restores_the_persona_exactly(alice):
    persona = PersonaFactory(
        owner=alice, visibility=Visibility.UNLISTED, prompts=[{"title": "a", "text": "b"}]
    )
    client = api_client_for(alice)
    client.delete(url(persona), {"reason": "outdated"}, format="json")

    response = client.post(url(persona, "actions/undo-delete/"))

    assert response.status_code == 200
    body = response.json()
    assert (body["persona_id"], body["status"]) == (persona.pk, "restored")
    assert parse_datetime(body["restored_at"]) and body["message"]
    restored = client.get(url(persona)).json()
    assert (restored["name"], restored["visibility"]) == (persona.name, Visibility.UNLISTED)
    assert restored["prompts"] == [{"title": "a", "text": "b"}]


def test_undo_after_the_window_is_410(alice):
    persona = PersonaFactory(owner=alice)
    client = api_client_for(alice)
    client.delete(url(persona))
    Persona.all_objects.filter(pk=persona.pk).update(deleted_at=timezone.now() - timedelta(seconds=31))

    response = client.post(url(persona, "actions/undo-delete/"))

    assert response.status_code == 410
    assert "undo window has passed" in response.json()["detail"]
    assert not Persona.objects.filter(pk=persona.pk).exists()


def test_undo_when_the_name_was_taken_meanwhile_is_409_naming_name(alice, bob):
    persona = PersonaFactory(owner=alice, name="Popular Name")
    api_client_for(alice).delete(url(persona))
    PersonaFactory(owner=bob, name="Popular Name")

    response = api_client_for(alice).post(url(persona, "actions/undo-delete/"))

    assert response.status_code == 409
    assert "name" in response.json()["errors"]


def test_undo_of_an_unknown_persona_is_404(alice):
    assert api_client_for(alice).post("/api/v1/personas/999999/actions/undo-delete/").status_code == 404


# Sharing


def test_owner_shares_lists_changes_and_revokes(alice, bob, charlie):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    client = api_client_for(alice)

    shared = client.post(url(persona, "actions/share/"), {"username": "bob", "role": "use"}, format="json")
    client.post(url(persona, "actions/share/"), {"username": "charlie", "role": "edit"}, format="json")
    changed = client.post(url(persona, "actions/share/"), {"username": "bob", "role": "edit"}, format="json")
    listed = client.get(url(persona, "actions/share/"))

    assert shared.status_code == 200 and shared.json()["role"] == "use"
    assert changed.json()["role"] == "edit"
    assert [(s["username"], s["role"]) for s in listed.json()] == [("bob", "edit"), ("charlie", "edit")]
    assert api_client_for(bob).patch(url(persona), {"description": "bob was here"}).status_code == 200

    assert (
        client.delete(url(persona, "actions/share/"), {"username": "bob"}, format="json").status_code == 204
    )
    assert (
        client.post(url(persona, "actions/unshare"), {"username": "charlie"}, format="json").status_code
        == 204
    )
    assert api_client_for(bob).get(url(persona)).status_code == 404
    assert api_client_for(charlie).get(url(persona)).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "nobody", "role": "use"}, "username"),
        ({"username": "alice", "role": "use"}, "username"),
        ({"username": "bob", "role": "admin"}, "role"),
        ({"role": "use"}, "username"),
    ],
)
def test_bad_share_is_a_400_naming_the_field(alice, bob, body, field):
    persona = PersonaFactory(owner=alice)

    response = api_client_for(alice).post(url(persona, "actions/share/"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_unsharing_someone_not_shared_with_is_a_400_naming_username(alice, bob):
    persona = PersonaFactory(owner=alice)

    response = api_client_for(alice).post(
        url(persona, "actions/unshare/"), {"username": "bob"}, format="json"
    )

    assert response.status_code == 400
    assert "username" in response.json()["errors"]


# The default persona


@pytest.mark.parametrize(
    "path", ["/api/v1/personas/initialize-default/", "/api/v1/personas/initialize-default"]
)
def test_staff_initializes_the_default_persona_once(alice, path):
    alice.is_staff = True
    alice.save()
    client = api_client_for(alice)

    first = client.post(path)
    second = client.post(path)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["name"] == "Mu" and first.json()["is_default"] is True
    assert first.json()["visibility"] == Visibility.PUBLIC
    assert second.json()["id"] == first.json()["id"]
    assert Persona.objects.filter(is_default=True).count() == 1


def test_only_staff_initialize_the_default_persona(alice, api_client):
    assert api_client_for(alice).post("/api/v1/personas/initialize-default/").status_code == 403
    assert api_client.post("/api/v1/personas/initialize-default/").status_code == 401
    assert not Persona.objects.exists()


def test_undo_delete_with_a_malformed_id_is_404(alice):
    response = api_client_for(alice).post("/api/v1/personas/abc/actions/undo-delete/")

    assert response.status_code == 404
