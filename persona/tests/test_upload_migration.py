"""The data migration that renames images stored before names came from the detected format: an old
x.html or x.js upload is renamed to what it really is, every row naming it (forks, history) follows, and
it is served as that image."""

import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from conftest import png_bytes, png_upload
from persona.models import Persona
from persona.services import persona_fork
from persona.tests.factories import PersonaFactory
from persona.tests.test_image_uploads import gif_that_is_also_javascript

pytestmark = pytest.mark.django_db

MIGRATION_NAME = "upload_names_from_detected_format"  # its number may change when branches merge


def run_migration(django_capture_on_commit_callbacks) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migration = next(
        migration
        for (app, name), migration in loader.disk_migrations.items()
        if app == "persona" and name.endswith(MIGRATION_NAME)
    )
    (rename,) = [operation for operation in migration.operations if hasattr(operation, "code")]
    with django_capture_on_commit_callbacks(execute=True):
        rename.code(apps, None)


def legacy(persona: Persona, field: str, name: str, content: bytes) -> str:
    """Make `persona` (and its history) name a file stored the old way, under the client's extension."""
    stored = default_storage.save(name, ContentFile(content))
    Persona.all_objects.filter(pk=persona.pk).update(**{field: stored})
    persona.history.update(**{field: stored})
    persona.refresh_from_db()
    return stored


def test_an_old_html_upload_is_renamed_to_png_everywhere_and_served_as_png(
    alice, bob, django_capture_on_commit_callbacks
):
    persona = PersonaFactory(owner=alice, image=png_upload())
    old = legacy(persona, "image", "personas/2026/11/face.html", png_bytes())
    fork = persona_fork(persona=persona, actor=bob)
    assert fork.image.name == old

    run_migration(django_capture_on_commit_callbacks)

    persona.refresh_from_db()
    fork.refresh_from_db()
    assert re.fullmatch(r"personas/[0-9a-f]{32}\.png", persona.image.name)
    assert fork.image.name == persona.image.name
    assert set(persona.history.values_list("image", flat=True)) == {persona.image.name}
    assert persona.image.open("rb").read() == png_bytes()
    assert not default_storage.exists(old)
    assert Client().get(persona.image.url)["Content-Type"] == "image/png"


def test_an_old_gif_script_polyglot_named_js_is_served_as_a_gif(alice, django_capture_on_commit_callbacks):
    persona = PersonaFactory(owner=alice)
    legacy(persona, "image", "personas/0123456789abcdef0123456789abcdef.js", gif_that_is_also_javascript())

    run_migration(django_capture_on_commit_callbacks)

    persona.refresh_from_db()
    assert persona.image.name.endswith(".gif")
    response = Client().get(persona.image.url)
    assert response["Content-Type"] == "image/gif"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_old_thumbnail_names_are_renamed_in_their_own_folder(alice, django_capture_on_commit_callbacks):
    persona = PersonaFactory(owner=alice, image=png_upload())
    legacy(persona, "thumbnail", "personas/thumbs/2026/11/face.webp", persona.thumbnail.open("rb").read())

    run_migration(django_capture_on_commit_callbacks)

    persona.refresh_from_db()
    assert re.fullmatch(r"personas/thumbs/[0-9a-f]{32}\.webp", persona.thumbnail.name)
    assert Client().get(persona.thumbnail.url).status_code == 200


def test_names_already_right_and_missing_files_are_left_alone(alice, django_capture_on_commit_callbacks):
    fine = PersonaFactory(owner=alice, image=png_upload())
    gone = PersonaFactory(owner=alice)
    Persona.objects.filter(pk=gone.pk).update(image="personas/2026/11/lost.png")
    names = {fine.pk: (fine.image.name, fine.thumbnail.name), gone.pk: ("personas/2026/11/lost.png", "")}

    run_migration(django_capture_on_commit_callbacks)

    assert {p.pk: (p.image.name, p.thumbnail.name) for p in Persona.objects.all()} == names
