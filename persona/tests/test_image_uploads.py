"""Persona images through every entry point (page form, API, admin): whatever name the client sends, the
file is stored under a name of ours whose extension is the format Pillow found, and served as that."""

import re
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import api_client_for, png_bytes
from persona.models import Persona
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

SCRIPT_NAMES = ["x.html", "x.js", "x.svg"]


def stored_as(persona: Persona, extension: str) -> bool:
    return all(
        re.fullmatch(rf"{folder}/[0-9a-f]{{32}}\.{ext}", name)
        for folder, ext, name in (
            ("personas", extension, persona.image.name),
            ("personas/thumbs", "webp", persona.thumbnail.name),
        )
    )


def gif_that_is_also_javascript() -> bytes:
    """A real 1-pixel GIF whose bytes are also a script: `GIF89a=\\t1\\t/*…*/;alert(document.domain)//`.
    The screen width and height bytes read `=<tab>` and `1<tab>` (2365×2353 px), the flags and background
    bytes open a JavaScript comment, and after the GIF's end come `*/` and the payload (Node runs it)."""
    return (
        b"GIF89a"
        + struct.pack("<HH", 0x093D, 0x0931)
        + b"/*\x00"  # no global colour table; background "*"; no aspect ratio
        + b","
        + struct.pack("<HHHH", 0, 0, 1, 1)
        + b"\x80\xff\x00\x00\x00\x00\xff"  # a 2-colour local table
        + b"\x02\x02\x44\x01\x00"  # LZW: one pixel of colour 0
        + b";"
        + b"*/;alert(document.domain)//"
    )


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_page_form_stores_an_image_named_like_a_script_as_png(client, alice, name):
    client.force_login(alice)
    form = {
        "name": "Ada the Analyst",
        "description": "Numbers.",
        "visibility": "public",
        "status": "active",
        "image": SimpleUploadedFile(name, png_bytes(), content_type="text/html"),
        "prompts-TOTAL_FORMS": "0",
        "prompts-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("persona:create"), form)

    assert response.status_code == 302
    persona = Persona.objects.get()
    assert stored_as(persona, "png")
    assert Client().get(persona.image.url)["Content-Type"] == "image/png"


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_api_multipart_stores_an_image_named_like_a_script_as_png(alice, name):
    body = {
        "name": "Ada the Analyst",
        "description": "Numbers.",
        "image": SimpleUploadedFile(name, png_bytes()),
    }

    response = api_client_for(alice).post("/api/v1/personas/", body, format="multipart")

    assert response.status_code == 201, response.json()
    assert response.json()["image"].endswith(".png")
    assert stored_as(Persona.objects.get(), "png")


def admin_change(client, persona: Persona, **image) -> int:
    form = {
        "name": persona.name,
        "description": persona.description,
        "ai_link": "",
        "visibility": persona.visibility,
        "status": persona.status,
        "system_prompt": persona.system_prompt,
        "personality_traits": "{}",
        "capabilities": "{}",
        "prompts-TOTAL_FORMS": "0",
        "prompts-INITIAL_FORMS": "0",
        "shares-TOTAL_FORMS": "0",
        "shares-INITIAL_FORMS": "0",
        **image,
    }
    return client.post(f"/admin/persona/persona/{persona.pk}/change/", form).status_code


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_admin_stores_an_image_named_like_a_script_as_png(moderator_client, alice, name):
    persona = PersonaFactory(owner=alice)

    assert admin_change(moderator_client, persona, image=SimpleUploadedFile(name, png_bytes())) == 302

    persona.refresh_from_db()
    assert stored_as(persona, "png")


def test_admin_clear_box_removes_the_image_and_its_thumbnail(moderator_client, alice):
    persona = PersonaFactory(owner=alice, image=SimpleUploadedFile("face.png", png_bytes()))

    assert admin_change(moderator_client, persona, **{"image-clear": "on"}) == 302

    persona.refresh_from_db()
    assert not persona.image and not persona.thumbnail


def test_a_gif_that_is_also_a_script_is_served_as_an_inert_gif(alice):
    upload = SimpleUploadedFile("x.js", gif_that_is_also_javascript(), content_type="text/javascript")
    body = {"name": "Ada the Analyst", "description": "Numbers.", "visibility": "public", "image": upload}

    response = api_client_for(alice).post("/api/v1/personas/", body, format="multipart")

    assert response.status_code == 201, response.json()
    persona = Persona.objects.get()
    assert stored_as(persona, "gif")
    served = Client().get(persona.image.url)
    assert served["Content-Type"] == "image/gif"
    assert served["X-Content-Type-Options"] == "nosniff"
    stored = b"".join(served.streaming_content)
    assert stored.startswith(b"GIF") and b"alert" not in stored  # re-encoded: the script is gone
