"""The media view: every upload is served only to whoever may see the persona showing it, as the image
format it is, with headers that keep it inert; everyone else gets the same 404 as for a missing file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from conftest import png_bytes, png_upload
from persona.models import Persona, Visibility
from persona.services import persona_delete, persona_fork, persona_share, persona_unshare, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

MISSING = "/media/personas/0123456789abcdef0123456789abcdef.png"


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def private_persona(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, image=png_upload())
    persona_share(persona=persona, actor=alice, username="bob", role="use")
    return persona


def test_a_public_persona_image_is_served_to_anyone_as_an_inert_png(alice):
    persona = PersonaFactory(owner=alice, image=png_upload())

    response = Client().get(persona.image.url)

    assert response.status_code == 200
    assert body(response) == persona.image.open("rb").read()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}
    assert "Cookie" not in response.get("Vary", "")  # shared caches may keep it for everyone


def test_thumbnails_are_served_as_inert_webp(alice):
    persona = PersonaFactory(owner=alice, image=png_upload())

    response = Client().get(persona.thumbnail.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert body(response)[8:12] == b"WEBP"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("who", ["alice", "bob", "maude"])
def test_owner_sharer_and_moderator_see_a_private_image_that_no_cache_keeps(private_persona, who, request):
    response = client_for(request.getfixturevalue(who)).get(private_persona.image.url)

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


@pytest.mark.parametrize("who", ["charlie", None])
def test_stranger_and_anonymous_get_404_for_a_private_image_and_its_thumbnail(private_persona, who, request):
    client = client_for(request.getfixturevalue(who) if who else None)

    assert client.get(private_persona.image.url).status_code == 404
    assert client.get(private_persona.thumbnail.url).status_code == 404


def test_a_hidden_image_answers_exactly_like_a_missing_file(private_persona):
    hidden = Client().get(private_persona.image.url)
    missing = Client().get(MISSING)

    assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)
    assert hidden["Content-Type"] == missing["Content-Type"]
    assert set(hidden["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_an_unshared_user_loses_the_image(private_persona, alice, bob):
    persona_unshare(persona=private_persona, actor=alice, username="bob")

    assert client_for(bob).get(private_persona.image.url).status_code == 404


def test_making_a_persona_private_hides_its_image_from_the_public(alice):
    persona = PersonaFactory(owner=alice, image=png_upload())
    assert Client().get(persona.image.url).status_code == 200

    persona_update(persona=persona, actor=alice, visibility=Visibility.PRIVATE)

    assert Client().get(persona.image.url).status_code == 404
    assert client_for(alice).get(persona.image.url).status_code == 200


def test_a_deleted_persona_image_is_gone_for_everyone(alice, maude):
    persona = PersonaFactory(owner=alice, image=png_upload())

    persona_delete(persona=persona, actor=alice)

    for client in (Client(), client_for(alice), client_for(maude)):
        assert client.get(persona.image.url).status_code == 404
        assert client.get(persona.thumbnail.url).status_code == 404


def test_an_unlisted_persona_image_is_served_by_link_but_never_cached(alice):
    persona = PersonaFactory(owner=alice, visibility=Visibility.UNLISTED, image=png_upload())

    response = Client().get(persona.image.url)

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_a_replaced_image_is_no_longer_served(alice):
    persona = PersonaFactory(owner=alice, image=png_upload())
    old_url = persona.image.url

    persona_update(persona=persona, actor=alice, image=png_upload("new.png"))

    assert default_storage.exists(old_url.removeprefix("/media/"))  # history may bring it back
    assert Client().get(old_url).status_code == 404


def test_a_public_fork_keeps_the_shared_image_when_the_parent_turns_private(alice, bob):
    parent = PersonaFactory(owner=alice, image=png_upload())
    fork = persona_fork(persona=parent, actor=bob, visibility=Visibility.PUBLIC)
    assert fork.image.name == parent.image.name

    persona_update(persona=parent, actor=alice, visibility=Visibility.PRIVATE)

    # The fork shows the picture publicly on its own page; the parent's own thumbnail is private now.
    assert Client().get(parent.image.url).status_code == 200
    assert Client().get(parent.thumbnail.url).status_code == 404
    assert Client().get(fork.thumbnail.url).status_code == 200


def test_a_private_fork_keeps_the_shared_image_only_for_its_owner(alice, bob):
    parent = PersonaFactory(owner=alice, image=png_upload())
    persona_fork(persona=parent, actor=bob)

    persona_update(persona=parent, actor=alice, visibility=Visibility.PRIVATE)

    assert Client().get(parent.image.url).status_code == 404
    assert client_for(bob).get(parent.image.url).status_code == 200


@pytest.mark.parametrize("extension", ["html", "js", "svg", "PNG", "png.html"])
def test_a_stored_file_whose_name_is_not_an_image_type_is_never_served(alice, extension):
    """Files stored before names came from the detected format: until renamed, they are not served."""
    name = default_storage.save(
        f"personas/0123456789abcdef0123456789abcdef.{extension}", ContentFile(png_bytes())
    )
    persona = PersonaFactory(owner=alice)
    Persona.objects.filter(pk=persona.pk).update(image=name)

    assert Client().get(f"/media/{name}").status_code == 404


def test_a_missing_file_and_odd_paths_answer_404(alice):
    persona = PersonaFactory(owner=alice, image=png_upload())
    persona.image.storage.delete(persona.image.name)

    for path in (
        persona.image.url,
        MISSING,
        "/media/",
        "/media/../config/settings/base.py",
        "/media/personas/x.png",
    ):
        assert Client().get(path).status_code == 404, path


def test_uploads_are_read_only(alice):
    persona = PersonaFactory(owner=alice, image=png_upload())

    assert client_for(alice).post(persona.image.url).status_code == 405
    assert client_for(alice).head(persona.image.url).status_code == 200


def test_behind_nginx_the_view_checks_access_and_lets_the_proxy_send_the_file(alice, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected_media/"
    public = PersonaFactory(owner=alice, image=png_upload())
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, image=png_upload())

    response = Client().get(public.image.url)
    refused = Client().get(private.image.url)

    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_protected_media/{public.image.name}"
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
