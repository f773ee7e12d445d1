"""Create and edit pages: the persona form, its prompts formset, image upload and every kind of bad input."""

import io
import os
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.tests.factories import UserFactory
from conftest import png_bytes
from persona.models import Persona
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

CREATE = reverse("persona:create")


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png() -> bytes:
    """A tiny file whose header claims 30000×30000 pixels."""
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + _png_chunk(b"IEND", b"")
    )


def huge_png() -> bytes:
    """A real, uncompressed 1400×1400 PNG of noise: about 5.9 MB."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3)).save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


BAD_IMAGES = {
    "text file renamed": (
        lambda: upload("notes.png", b"just some notes, not a picture\n"),
        "not a readable image",
    ),
    "truncated png": (lambda: upload("cut.png", png_bytes((300, 300))[:120]), "not a readable image"),
    "too wide": (lambda: upload("wide.png", png_bytes((5000, 10))), "5000×10 px"),
    "over 5 MB": (lambda: upload("big.png", huge_png()), "larger than 5 MB"),
    "decompression bomb": (lambda: upload("bomb.png", bomb_png()), "too many pixels"),
}


def persona_post(**overrides) -> dict:
    data = {
        "name": "Ada the Analyst",
        "description": "Explains data calmly.",
        "ai_link": "https://example.com/ada",
        "visibility": "public",
        "status": "active",
        "system_prompt": "You are Ada.",
        "personality_traits-name": ["patience", ""],
        "personality_traits-value": ["0.9", ""],
        "capabilities": ["charts", ""],
        "prompts-TOTAL_FORMS": "0",
        "prompts-INITIAL_FORMS": "0",
        "prompts-MIN_NUM_FORMS": "0",
        "prompts-MAX_NUM_FORMS": "50",
    }
    data.update(overrides)
    return data


def with_prompts(data: dict, rows: list[dict], *, initial: int = 0) -> dict:
    data["prompts-TOTAL_FORMS"] = str(len(rows))
    data["prompts-INITIAL_FORMS"] = str(initial)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"prompts-{index}-{key}"] = value
    return data


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_create_page_renders_an_empty_form_with_one_prompt_row(alice_client):
    response = alice_client.get(CREATE)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="prompts-0-title"' in page
    assert "data-formset-template" in page


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_create_saves_the_persona_with_its_image_prompts_and_json(alice_client, alice):
    rows = [
        {"title": "Second", "text": "Then this.", "order": "2"},
        {"title": "Dropped", "text": "Never mind.", "order": "", "DELETE": "on"},
        {"title": "First", "text": "Start here.", "order": "1"},
        {"title": "", "text": "", "order": ""},
    ]
    data = with_prompts(persona_post(image=upload("ada.png", png_bytes())), rows)

    response = alice_client.post(CREATE, data)

    persona = Persona.objects.get(name="Ada the Analyst")
    assert response.status_code == 302
    assert response.url == persona.get_absolute_url()
    assert persona.owner == alice
    assert persona.personality_traits == {"patience": 0.9}
    assert persona.capabilities == {"charts": True}
    assert [p.title for p in persona.prompts.all()] == ["First", "Second"]
    assert persona.image and persona.thumbnail
    page = alice_client.get(persona.get_absolute_url()).content.decode()
    assert 'alt="Portrait of Ada the Analyst"' in page


@pytest.mark.parametrize("kind", BAD_IMAGES)
def test_a_bad_image_is_a_form_error_and_nothing_is_saved(alice_client, kind):
    make_file, message = BAD_IMAGES[kind]

    response = alice_client.post(CREATE, persona_post(image=make_file()))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["image"])
    assert "nothing was saved" in response.content.decode()
    assert not Persona.objects.filter(name="Ada the Analyst").exists()


def test_a_bad_image_on_edit_keeps_the_old_image(alice_client, alice):
    persona = PersonaFactory(owner=alice, image=upload("ok.png", png_bytes()))
    old_image = persona.image.name

    response = alice_client.post(
        reverse("persona:edit", args=[persona.slug]),
        persona_post(name=persona.name, image=upload("bomb.png", bomb_png())),
    )

    assert response.status_code == 200
    assert "too many pixels" in " ".join(response.context["form"].errors["image"])
    persona.refresh_from_db()
    assert persona.image.name == old_image


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Al", "at least 3 characters"),
        ("name", "   ", "This field is required"),
        ("description", "", "This field is required"),
        ("ai_link", "ftp://example.com/file", "Enter a valid URL"),
        ("visibility", "everyone", "Select a valid choice"),
    ],
)
def test_invalid_fields_are_reported_on_the_field(alice_client, field, value, message):
    response = alice_client.post(CREATE, persona_post(**{field: value}))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Persona.objects.count() == 0


@pytest.mark.parametrize(
    ("names", "values", "message"),
    [
        (["patience"], ["2"], "Give “patience” a value from 0 to 1"),
        (["patience"], [""], "Give “patience” a value from 0 to 1"),
        (["patience"], ["NaN"], "Give “patience” a value from 0 to 1"),
        (["patience"], ["1e999"], "Give “patience” a value from 0 to 1"),
        (["patience", "patience"], ["0.1", "0.2"], "“patience” is there twice"),
        (["p" * 51], ["0.5"], "at most 50 characters"),
    ],
    ids=["above 1", "no value", "NaN", "1e999", "twice", "long name"],
)
def test_trait_rows_are_checked_in_plain_words(alice_client, names, values, message):
    data = persona_post(**{"personality_traits-name": names, "personality_traits-value": values})

    response = alice_client.post(CREATE, data)

    assert message in " ".join(response.context["form"].errors["personality_traits"])
    assert not Persona.objects.exists()


def test_the_form_has_sliders_and_labels_and_no_json(alice_client, alice):
    persona = PersonaFactory(
        owner=alice,
        personality_traits={"warmth": 0.6},
        capabilities={"charts": True, "languages": ["en", "fr"]},
    )

    page = alice_client.get(reverse("persona:edit", args=[persona.slug])).content.decode()

    assert 'name="personality_traits-name" value="warmth"' in page
    assert 'type="number" name="personality_traits-value" value="0.6" min="0" max="1"' in page
    assert 'value="charts"' in page and 'value="languages: en, fr"' in page
    assert "{&quot;" not in page and '{"' not in page


def test_capability_labels_become_the_json_the_api_shows(alice_client, alice):
    labels = ["writing", "languages: en, fr", "web search: no", "tone: dry", ""]

    alice_client.post(CREATE, persona_post(capabilities=labels))

    persona = Persona.objects.get()
    assert persona.capabilities == {
        "writing": True,
        "languages": ["en", "fr"],
        "web search": False,
        "tone": "dry",
    }


def test_an_unedited_capability_keeps_the_shape_the_api_gave_it(alice_client, alice):
    persona = PersonaFactory(owner=alice, capabilities={"languages": ["en"], "level": 3})

    alice_client.post(
        reverse("persona:edit", args=[persona.slug]),
        persona_post(name=persona.name, capabilities=["languages: en", "level: 3"]),
    )

    persona.refresh_from_db()
    assert persona.capabilities == {"languages": ["en"], "level": 3}


def test_duplicate_name_is_a_name_error(alice_client, alice):
    PersonaFactory(owner=alice, name="Ada the Analyst")

    response = alice_client.post(CREATE, persona_post(name="ada the analyst"))

    assert "You already have a persona with this name" in " ".join(response.context["form"].errors["name"])
    assert Persona.objects.count() == 1


def test_an_incomplete_prompt_row_is_an_error_and_nothing_is_saved(alice_client):
    data = with_prompts(persona_post(), [{"title": "Only a title", "text": "", "order": ""}])

    response = alice_client.post(CREATE, data)

    assert response.status_code == 200
    assert response.context["formset"].errors[0]["text"] == ["This field is required."]
    assert not Persona.objects.exists()


def test_blank_trait_and_capability_rows_become_empty_objects(alice_client):
    blank = {"personality_traits-name": ["", ""], "personality_traits-value": ["0.5", ""]}
    alice_client.post(CREATE, persona_post(**blank, capabilities=["  ", ""]))

    persona = Persona.objects.get()
    assert persona.personality_traits == {} and persona.capabilities == {}


def test_edit_page_is_prefilled_and_saves_changes_and_prompts(alice_client, alice):
    persona = PersonaFactory(
        owner=alice, prompts=[{"title": "Hi", "text": "Hello"}, {"title": "Bye", "text": "Later"}]
    )
    url = reverse("persona:edit", args=[persona.slug])
    page = alice_client.get(url)
    assert page.context["form"].initial["name"] == persona.name
    first, second = persona.prompts.all()
    rows = [
        {"id": str(first.pk), "title": "Hi", "text": "Hello", "order": "0", "DELETE": "on"},
        {"id": str(second.pk), "title": "Bye!", "text": "See you", "order": "1"},
        {"title": "New", "text": "Appended", "order": ""},
    ]

    response = alice_client.post(url, with_prompts(persona_post(name="Ada Renamed"), rows, initial=2))

    persona.refresh_from_db()
    assert response.status_code == 302 and response.url == persona.get_absolute_url()
    assert persona.name == "Ada Renamed"
    assert [(p.title, p.text) for p in persona.prompts.all()] == [("Bye!", "See you"), ("New", "Appended")]


def test_edit_can_clear_the_image(alice_client, alice):
    persona = PersonaFactory(owner=alice, image=upload("ok.png", png_bytes()))

    alice_client.post(
        reverse("persona:edit", args=[persona.slug]), persona_post(name=persona.name, **{"image-clear": "on"})
    )

    persona.refresh_from_db()
    assert not persona.image and not persona.thumbnail


def test_shared_editor_saves_but_cannot_change_visibility(client, alice):
    persona = PersonaFactory(owner=alice, visibility="private")
    erin = UserFactory(username="erin")
    persona_share(persona=persona, actor=alice, username="erin", role="edit")
    client.force_login(erin)

    response = client.post(
        reverse("persona:edit", args=[persona.slug]),
        persona_post(name="Edited by Erin", visibility="public", status="archived"),
    )

    persona.refresh_from_db()
    assert response.status_code == 302
    assert persona.name == "Edited by Erin"
    assert (persona.visibility, persona.status) == ("private", "active")


def test_fork_service_errors_land_on_the_fork_form(client, alice, bob):
    parent = PersonaFactory(owner=alice)
    PersonaFactory(owner=bob, name="Taken Name")
    client.force_login(bob)

    response = client.post(
        reverse("persona:fork", args=[parent.slug]), {"name": "taken name", "description": "Mine"}
    )

    assert response.status_code == 200
    assert "You already have a persona with this name" in " ".join(response.context["form"].errors["name"])
    assert not parent.forks.exists()


def test_share_form_names_an_unknown_user(client, alice):
    persona = PersonaFactory(owner=alice)
    client.force_login(alice)

    response = client.post(
        reverse("persona:share", args=[persona.slug]), {"username": "nobody", "role": "use"}
    )

    assert response.status_code == 200
    assert "No user is called “nobody”" in " ".join(response.context["form"].errors["username"])


def test_a_tampered_prompts_formset_is_an_error_not_a_crash(alice_client):
    data = {key: value for key, value in persona_post().items() if not key.startswith("prompts-")}

    response = alice_client.post(CREATE, data)

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Persona.objects.exists()


def test_a_prompt_id_of_another_persona_never_touches_that_persona(alice_client, alice, bob):
    mine = PersonaFactory(owner=alice, prompts=[{"title": "Mine", "text": "Mine"}])
    theirs = PersonaFactory(owner=bob, prompts=[{"title": "Theirs", "text": "Theirs"}])
    row = {"id": str(theirs.prompts.get().pk), "title": "Stolen", "text": "Stolen", "order": "0"}

    response = alice_client.post(
        reverse("persona:edit", args=[mine.slug]),
        with_prompts(persona_post(name=mine.name), [row], initial=1),
    )

    assert response.status_code == 302
    assert theirs.prompts.get().title == "Theirs"
    assert mine.prompts.get().title == "Stolen"
