import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

from conftest import png_upload
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reload_urls():
    import importlib

    import config.urls

    def reload():
        clear_url_caches()
        importlib.reload(config.urls)

    yield reload
    reload()


def test_uploads_are_served_when_serve_media_is_on(alice, reload_urls):
    persona = PersonaFactory(owner=alice, image=png_upload())

    with override_settings(SERVE_MEDIA=True):
        reload_urls()
        response = Client().get(persona.thumbnail.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"RIFF"  # a WebP thumbnail


def test_uploads_are_not_served_when_serve_media_is_off(alice, reload_urls):
    persona = PersonaFactory(owner=alice, image=png_upload())

    with override_settings(SERVE_MEDIA=False):
        reload_urls()
        response = Client().get(persona.image.url)

    assert response.status_code == 404
