import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from characters.models import CharacterProfile, MemberRole, Project
from characters.services import (
    PUBLIC_NEEDS_STYLE,
    character_import,
    character_update,
    project_create,
    project_member_set,
    tag_create,
)
from characters.tests.cards import json_bytes, png_card, v2_card
from characters.tests.factories import make_character
from conftest import png_upload
from persona.models import Persona

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int = 1, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def test_list_shows_featured_first_and_filters_by_a_parent_tag(client, alice, maude):
    fantasy = tag_create(actor=alice, name="Fantasy")
    elves = tag_create(actor=alice, name="Elves", parent=fantasy)
    make_character(alice, name="Aaron Plain", images=1, is_public=True)
    star = make_character(alice, name="Zed Star", images=1, is_public=True, tags=[elves])
    character_update(character=star, actor=maude, is_featured=True)
    page = client.get("/characters/").content.decode()
    assert page.index("Zed Star") < page.index("Aaron Plain")
    filtered = client.get(f"/characters/?tag={fantasy.pk}").content.decode()
    assert "Zed Star" in filtered and "Aaron Plain" not in filtered
    assert "Aaron Plain" in client.get("/characters/?q=aaron").content.decode()


def test_private_characters_are_404_for_strangers_everywhere(client, alice, bob, charlie, maude):
    project = project_create(actor=alice, name="Studio")
    project_member_set(project=project, actor=alice, user=bob, role=MemberRole.VIEWER)
    secret = make_character(alice, name="Secret Sal", projects=[project])
    for user, status in ((charlie, 404), (None, 404), (bob, 200), (maude, 200), (alice, 200)):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(secret.get_absolute_url()).status_code == status
        assert ("Secret Sal" in client.get("/characters/").content.decode()) == (status == 200)
        export = client.get(f"{secret.get_absolute_url()}export/?format=v3")
        assert export.status_code == (status if user else 404) or export.status_code == 302
    client.force_login(bob)
    assert client.get(f"{secret.get_absolute_url()}edit/").status_code == 403
    client.force_login(charlie)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_create_page_with_an_inline_style_and_image(client, alice):
    client.force_login(alice)
    data = {
        "character-name": "Form Fay",
        "character-description": "Made on the page.",
        "character-is_public": "on",
        **_management("styles"),
        "styles-0-name": "Watercolour",
        "styles-0-prompt": "soft watercolour",
        **_management("images"),
        "images-0-alt_text": "Fay smiling",
        "images-0-image": png_upload(),
    }
    response = client.post("/characters/new/", data)
    assert response.status_code == 302
    character = CharacterProfile.objects.get(name="Form Fay")
    assert character.is_public and character.styles.get().name == "Watercolour"
    assert character.images.get().is_primary


def test_create_page_shows_the_public_rule_message(client, alice):
    client.force_login(alice)
    data = {
        "character-name": "Bare Bo",
        "character-is_public": "on",
        **_management("styles"),
        **_management("images"),
    }
    response = client.post("/characters/new/", data)
    assert response.status_code == 200
    assert PUBLIC_NEEDS_STYLE in response.content.decode()
    assert not CharacterProfile.objects.exists()


def test_edit_page_reorders_images_and_switches_the_primary(client, alice):
    character = make_character(alice, images=2)
    first, second = character.images.order_by("order")
    client.force_login(alice)
    data = {
        "character-name": character.name,
        "character-description": "x",
        **_management("styles", 0),
        **_management("images", 2, 2),
        "images-0-id": first.pk,
        "images-0-alt_text": first.alt_text,
        "images-0-order": "5",
        "images-1-id": second.pk,
        "images-1-alt_text": second.alt_text,
        "images-1-order": "1",
        "images-1-is_primary": "on",
        "images-0-is_primary": "on",
    }
    response = client.post(f"{character.get_absolute_url()}edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    first.refresh_from_db(), second.refresh_from_db()
    assert second.is_primary and not first.is_primary
    assert [i.pk for i in character.images.order_by("order")] == [second.pk, first.pk]


def test_import_page_shows_the_warnings_and_the_character(client, alice):
    client.force_login(alice)
    upload = SimpleUploadedFile("sera.png", png_card(v2_card()), content_type="image/png")
    response = client.post("/characters/import/", {"file": upload, "tag_mode": "existing"}, follow=True)
    page = response.content.decode()
    assert "Seraphina" in page and "Welcome, traveller." in page
    assert "Tags left out" in page


def test_import_page_names_a_bad_file(client, alice):
    client.force_login(alice)
    upload = SimpleUploadedFile("bad.json", b"{oops", content_type="application/json")
    response = client.post("/characters/import/", {"file": upload, "tag_mode": "all"})
    assert response.status_code == 200
    assert "The card was not imported" in response.content.decode()


def test_card_html_is_shown_escaped(client, alice):
    card = v2_card(first_mes="<img src=x onerror=alert(1)>Hi", creator_notes="<script>alert('x')</script>")
    character = character_import(actor=alice, data=json_bytes(card), filename="x.json").character
    client.force_login(alice)
    page = client.get(character.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;Hi" in page
    assert "&lt;b&gt;forest&lt;/b&gt;" in page


def test_export_page_downloads_the_card(client, alice):
    character = character_import(actor=alice, data=png_card(v2_card()), filename="x.png").character
    client.force_login(alice)
    response = client.get(f"{character.get_absolute_url()}export/?format=png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="{character.slug}.png"'


def test_make_persona_page_is_prefilled_and_links_both_ways(client, alice):
    character = character_import(actor=alice, data=png_card(v2_card()), filename="x.png").character
    client.force_login(alice)
    form = client.get(f"{character.get_absolute_url()}persona/").content.decode()
    assert 'value="Seraphina"' in form and "You are Seraphina." in form
    data = {
        "name": "Sera Persona",
        "description": "From a card.",
        "visibility": "private",
        "status": "active",
        "greeting": "Welcome.",
        **_management("prompts", 0),
    }
    response = client.post(f"{character.get_absolute_url()}persona/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    persona = Persona.objects.get(name="Sera Persona")
    assert persona.image, "the character's primary image became the portrait"
    assert "Sera Persona" in client.get(character.get_absolute_url()).content.decode()
    assert character.get_absolute_url() in client.get(persona.get_absolute_url()).content.decode()


def test_project_pages(client, alice, bob):
    client.force_login(alice)
    response = client.post("/characters/projects/new/", {"name": "Studio"})
    project_url = response["Location"]
    client.post(f"{project_url}members/", {"username": "bob", "role": "editor"})
    assert "bob" in client.get(project_url).content.decode()
    client.force_login(bob)
    assert client.get(project_url).status_code == 200


def test_a_private_characters_image_files_are_404_for_strangers(
    client, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        character = make_character(alice, name="Camera Shy", images=1)
    image = character.images.get()
    urls = [image.image.url, image.thumbnail.url, image.web_image.url]
    client.force_login(bob)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(alice)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    client.logout()
    character_update(character=character, actor=alice, is_public=True)
    response = client.get(image.thumbnail.url)
    assert response.status_code == 200 and "public" in response["Cache-Control"]


def test_the_persona_page_links_back_only_for_whoever_sees_the_character(client, alice, charlie):
    from characters.services import persona_from_character
    from persona.models import Visibility

    character = make_character(alice, name="Link Lu", images=1, is_public=True)
    persona = persona_from_character(character=character, actor=alice, visibility=Visibility.PUBLIC)
    client.force_login(charlie)
    assert character.get_absolute_url() in client.get(persona.get_absolute_url()).content.decode()
    character_update(character=character, actor=alice, is_public=False)
    page = client.get(persona.get_absolute_url()).content.decode()
    assert character.get_absolute_url() not in page


def test_the_owner_renames_and_deletes_a_project_from_its_page(client, alice):
    project = project_create(actor=alice, name="Studio", description="Our sketches.")
    character = make_character(alice, name="Kept Kim", projects=[project])
    edit, delete = f"{project.get_absolute_url()}edit/", f"{project.get_absolute_url()}delete/"
    client.force_login(alice)

    page = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{edit}"' in page and f'href="{delete}"' in page
    assert 'value="Studio"' in client.get(edit).content.decode()
    renamed = client.post(edit, {"name": "Atelier", "description": "Ours."})
    project.refresh_from_db()
    assert (project.name, project.description) == ("Atelier", "Ours.")
    assert renamed["Location"] == project.get_absolute_url() and "atelier" in project.slug
    delete = f"{project.get_absolute_url()}delete/"
    assert "Delete “Atelier”?" in client.get(delete).content.decode()
    deleted = client.post(delete)

    assert deleted["Location"] == "/characters/projects/"
    assert not Project.objects.exists()
    assert CharacterProfile.objects.filter(pk=character.pk).exists()


def test_renaming_a_project_to_nothing_names_the_field(client, alice):
    project = project_create(actor=alice, name="Studio")
    client.force_login(alice)

    response = client.post(f"{project.get_absolute_url()}edit/", {"name": "", "description": ""})

    assert response.status_code == 200 and "This field is required." in response.content.decode()
    project.refresh_from_db()
    assert project.name == "Studio"


def test_only_the_owner_may_rename_or_delete_a_project(client, alice, bob, charlie):
    project = project_create(actor=alice, name="Studio")
    project_member_set(project=project, actor=alice, user=bob, role=MemberRole.EDITOR)
    pages = [f"{project.get_absolute_url()}edit/", f"{project.get_absolute_url()}delete/"]

    client.force_login(bob)  # a member sees the project but may not change it
    assert pages[0] not in client.get(project.get_absolute_url()).content.decode()
    for page in pages:
        assert client.get(page).status_code == 403
        assert client.post(page, {"name": "Mine"}).status_code == 403
    client.force_login(charlie)  # a stranger does not even learn it exists
    for page in pages:
        assert client.get(page).status_code == 404
        assert client.post(page, {"name": "Mine"}).status_code == 404
    client.logout()
    assert client.post(pages[1])["Location"].startswith("/accounts/login/")

    project.refresh_from_db()
    assert project.name == "Studio"
