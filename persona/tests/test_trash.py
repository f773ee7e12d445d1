"""The trash: after the undo window a deleted persona waits in its owner's trash, restorable, for
PERSONA_TRASH_RETENTION_DAYS; then the purge (a Celery beat task) deletes it, its history and files."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import png_upload
from persona.models import Persona
from persona.services import persona_delete, persona_fork, persona_update
from persona.services.trash import persona_trash_purge
from persona.tasks import persona_trash_purge as purge_task
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
TRASH = reverse("persona:trash")


def deleted_days_ago(persona: Persona, days: float, actor) -> Persona:
    persona_delete(persona=persona, actor=actor)
    Persona.all_objects.filter(pk=persona.pk).update(deleted_at=timezone.now() - timedelta(days=days))
    return Persona.all_objects.get(pk=persona.pk)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pictured(alice):
    return PersonaFactory(owner=alice, name="Pictured Pia", image=png_upload())


def test_the_owner_sees_a_deleted_persona_in_the_trash_and_restores_it(alice, pictured):
    deleted_days_ago(pictured, 3, alice)
    client = client_for(alice)

    page = client.get(TRASH).content.decode()
    assert "Pictured Pia" in page and "deleted for good on" in page

    response = client.post(reverse("persona:restore_from_trash", args=[pictured.slug]), follow=True)
    pictured.refresh_from_db()
    assert not pictured.is_deleted
    assert "is out of the trash" in response.content.decode()
    assert pictured.history.latest().history_change_reason == "Restored from the trash"
    assert "Pictured Pia" not in client.get(TRASH).content.decode()


@pytest.mark.parametrize("who", ["bob", "maude"])
def test_nobody_else_sees_or_restores_the_owners_trash(request, alice, pictured, who):
    deleted_days_ago(pictured, 3, alice)
    client = client_for(request.getfixturevalue(who))

    assert "Pictured Pia" not in client.get(TRASH).content.decode()
    assert client.post(reverse("persona:restore_from_trash", args=[pictured.slug])).status_code == 404
    assert Persona.all_objects.get(pk=pictured.pk).is_deleted


def test_the_trash_needs_a_login(client):
    assert client.get(TRASH).status_code == 302


def test_a_persona_past_its_retention_is_not_in_the_trash(alice, pictured):
    deleted_days_ago(pictured, settings.PERSONA_TRASH_RETENTION_DAYS + 1, alice)

    assert "Pictured Pia" not in client_for(alice).get(TRASH).content.decode()


def test_restoring_a_persona_whose_name_was_taken_says_so(alice, pictured):
    deleted_days_ago(pictured, 3, alice)
    PersonaFactory(owner=alice, name="Pictured Pia")

    response = client_for(alice).post(
        reverse("persona:restore_from_trash", args=[pictured.slug]), follow=True
    )

    assert "Another persona took this name meanwhile" in response.content.decode()
    assert Persona.all_objects.get(pk=pictured.pk).is_deleted


def test_the_purge_deletes_expired_personas_with_their_history_and_files(
    alice, pictured, django_capture_on_commit_callbacks
):
    files = [pictured.image.name, pictured.thumbnail.name]
    assert all(default_storage.exists(name) for name in files)
    kept = deleted_days_ago(PersonaFactory(owner=alice, name="Recent Rex"), 2, alice)
    deleted_days_ago(pictured, settings.PERSONA_TRASH_RETENTION_DAYS + 1, alice)

    with django_capture_on_commit_callbacks(execute=True):
        assert persona_trash_purge() == 1

    assert not Persona.all_objects.filter(pk=pictured.pk).exists()
    assert not Persona.history.filter(id=pictured.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert Persona.all_objects.filter(pk=kept.pk).exists()


def test_the_purge_keeps_an_image_a_fork_still_shows(
    alice, bob, pictured, django_capture_on_commit_callbacks
):
    persona_update(persona=pictured, actor=alice, visibility="public")
    fork = persona_fork(persona=pictured, actor=bob)
    assert fork.image.name == pictured.image.name
    deleted_days_ago(pictured, settings.PERSONA_TRASH_RETENTION_DAYS + 1, alice)

    with django_capture_on_commit_callbacks(execute=True):
        persona_trash_purge()

    fork.refresh_from_db()
    assert fork.forked_from_id is None and default_storage.exists(fork.image.name)


@pytest.mark.django_db(transaction=True)
def test_the_beat_task_purges_through_a_real_worker(celery_worker_on_redis, alice):
    persona = PersonaFactory(owner=alice, name="Worker Wes", image=png_upload())
    image = persona.image.name
    deleted_days_ago(persona, settings.PERSONA_TRASH_RETENTION_DAYS + 1, alice)

    assert purge_task.delay().get(timeout=30) == 1

    assert not Persona.all_objects.filter(pk=persona.pk).exists()
    assert not default_storage.exists(image)


def test_the_purge_is_scheduled_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["persona-trash-purge"]

    assert entry["task"] == purge_task.name
