"""A chosen image is kept through a form that came back with errors: nobody picks it twice."""

import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from conftest import png_upload
from core.uploads.stash import STASH_MAX_AGE, upload_stash_clean
from persona.models import Persona
from persona.tests.test_views_forms import CREATE, persona_post

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def stash_token(page: str) -> str:
    return re.search(r'name="image_stash" value="([^"]+)"', page).group(1)


def failed_attempt(client) -> str:
    """A create with a good image and a bad name; the page that comes back."""
    response = client.post(CREATE, persona_post(name="Al", image=png_upload()))
    assert response.status_code == 200 and not Persona.objects.exists()
    return response.content.decode()


def test_the_image_is_kept_after_an_error_and_saved_with_the_corrected_form(alice):
    client = client_for(alice)
    page = failed_attempt(client)

    assert 'data-testid="image-kept"' in page and 'src="data:image/webp;base64,' in page
    response = client.post(CREATE, persona_post(image_stash=stash_token(page)))

    persona = Persona.objects.get()
    assert response.status_code == 302
    assert persona.image.name.startswith("personas/") and default_storage.exists(persona.image.name)
    assert persona.thumbnail


def test_another_users_token_brings_nothing(alice, bob):
    token = stash_token(failed_attempt(client_for(alice)))

    client_for(bob).post(CREATE, persona_post(image_stash=token))

    assert not Persona.objects.get().image


def test_a_forged_token_brings_nothing(alice):
    client_for(alice).post(CREATE, persona_post(image_stash="stash/" + "0" * 32 + ".png"))

    assert not Persona.objects.get().image


def test_remove_image_drops_the_kept_image(alice):
    client = client_for(alice)
    token = stash_token(failed_attempt(client))

    client.post(CREATE, persona_post(image_stash=token, **{"image-clear": "on"}))

    assert not Persona.objects.get().image


def test_a_new_error_keeps_the_same_image(alice):
    client = client_for(alice)
    token = stash_token(failed_attempt(client))

    again = client.post(CREATE, persona_post(name="Al", image_stash=token)).content.decode()

    assert stash_token(again) == token


def test_old_stashed_files_are_cleaned(alice):
    failed_attempt(client_for(alice))
    _folders, files = default_storage.listdir("stash")
    assert files

    assert upload_stash_clean(now=timezone.now() + STASH_MAX_AGE * 2) == len(files)
    assert default_storage.listdir("stash")[1] == []


def test_beat_cleans_the_stash_every_hour():
    from django.conf import settings

    from core.tasks import upload_stash_clean as task

    assert settings.CELERY_BEAT_SCHEDULE["uploads-stash-clean"]["task"] == task.name
