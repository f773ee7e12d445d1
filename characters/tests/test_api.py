import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from characters.cards import read_card
from characters.models import MemberRole
from characters.services import PUBLIC_NEEDS_STYLE, project_create, project_member_set
from characters.tests.cards import json_bytes, png_card, v2_card
from characters.tests.factories import make_character
from conftest import api_client_for, png_upload

pytestmark = pytest.mark.django_db
API = "/api/v1/characters/"


@pytest.fixture
def private_character(alice, bob):
    """Alice's private character in her project, where Bob is a viewer."""
    project = project_create(actor=alice, name="Studio")
    project_member_set(project=project, actor=alice, user=bob, role=MemberRole.VIEWER)
    return make_character(alice, name="Private Pat", projects=[project])


@pytest.mark.parametrize(
    ("who", "status"),
    [("alice", 200), ("bob", 200), ("charlie", 404), (None, 404), ("maude", 200)],
    ids=["creator", "project-member", "stranger", "anonymous", "moderator"],
)
def test_a_private_character_is_seen_only_by_creator_members_and_moderators(
    request, private_character, who, status
):
    user = request.getfixturevalue(who) if who else None
    client = api_client_for(user)
    assert client.get(f"{API}{private_character.pk}/").status_code == status
    listed = [c["id"] for c in client.get(API).json()["results"]]
    assert (private_character.pk in listed) == (status == 200)
    export = client.get(f"{API}{private_character.pk}/export/?format=v3")
    assert export.status_code == status
    assert client.get(f"{API}{private_character.pk}/images/").status_code == status


def test_a_viewer_member_may_not_change_it(private_character, bob):
    response = api_client_for(bob).patch(f"{API}{private_character.pk}/", {"description": "x"}, format="json")
    assert response.status_code == 403


def test_create_and_the_public_rule_has_the_same_message(alice):
    client = api_client_for(alice)
    response = client.post(API, {"name": "Api Ann", "is_public": True}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["is_public"] == [PUBLIC_NEEDS_STYLE]
    response = client.post(API, {"name": "Api Ann", "personality_traits": ["brave"]}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["training"]["status"] in ("pending", "complete")
    assert body["personality_traits"] == ["brave"]


def test_images_upload_set_primary_and_reorder(alice):
    character = make_character(alice)
    client = api_client_for(alice)
    images = f"{API}{character.pk}/images/"
    first = client.post(images, {"image": png_upload(), "alt_text": "Front"}, format="multipart").json()
    second = client.post(images, {"image": png_upload(), "alt_text": "Side"}, format="multipart").json()
    assert first["is_primary"] and not second["is_primary"]
    assert (first["width"], first["format"]) == (64, "PNG")
    response = client.post(f"{images}{second['id']}/actions/set-primary/")
    assert response.status_code == 200 and response.json()["is_primary"]
    order = client.post(f"{images}reorder/", {"order": [second["id"], first["id"]]}, format="json").json()
    assert [i["id"] for i in order] == [second["id"], first["id"]]
    assert [i["is_primary"] for i in order] == [True, False]
    bad = client.post(
        images, {"image": SimpleUploadedFile("x.png", b"nope"), "alt_text": "x"}, format="multipart"
    )
    assert bad.status_code == 400 and "image" in bad.json()["errors"]


def test_styles_nested(alice):
    character = make_character(alice)
    client = api_client_for(alice)
    response = client.post(f"{API}{character.pk}/styles/", {"name": "Noir"}, format="json")
    assert response.status_code == 400 and "prompt" in response.json()["errors"]
    response = client.post(f"{API}{character.pk}/styles/", {"name": "Noir", "prompt": "b&w"}, format="json")
    assert response.status_code == 201 and response.json()["name"] == "Noir"


def test_import_answers_the_character_with_warnings(alice):
    client = api_client_for(alice)
    upload = SimpleUploadedFile("sera.png", png_card(v2_card()), content_type="image/png")
    response = client.post(f"{API}import/", {"file": upload, "tag_mode": "existing"}, format="multipart")
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Seraphina" and body["greeting"].startswith("*She smiles.*")
    assert any("Fantasy" in warning for warning in body["warnings"])
    assert body["images"][0]["is_primary"]


def test_import_refuses_a_bad_file_with_a_400_naming_the_file(alice):
    upload = SimpleUploadedFile("bad.json", b"{nope", content_type="application/json")
    response = api_client_for(alice).post(f"{API}import/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_import_needs_a_signed_in_user():
    upload = SimpleUploadedFile("a.json", json_bytes(v2_card()))
    assert api_client_for(None).post(f"{API}import/", {"file": upload}, format="multipart").status_code in (
        401,
        403,
    )


@pytest.mark.parametrize(
    ("card_format", "content_type"),
    [
        ("v2", "application/json"),
        ("v3", "application/json"),
        ("charx", "application/zip"),
        ("png", "image/png"),
    ],
)
def test_export_in_each_format(alice, card_format, content_type):
    client = api_client_for(alice)
    upload = SimpleUploadedFile("sera.png", png_card(v2_card()), content_type="image/png")
    character_id = client.post(f"{API}import/", {"file": upload}, format="multipart").json()["id"]
    response = client.get(f"{API}{character_id}/export/?format={card_format}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert read_card(data=response.content, filename=f"x.{card_format}").card["name"] == "Seraphina"


def test_export_of_an_unknown_format_is_a_400(alice):
    character = make_character(alice)
    response = api_client_for(alice).get(f"{API}{character.pk}/export/?format=docx")
    assert response.status_code == 400 and "format" in response.json()["errors"]


def test_retrain_action(alice, django_capture_on_commit_callbacks):
    character = make_character(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(alice).post(f"{API}{character.pk}/actions/retrain/")
    assert response.status_code == 202
    character.training.refresh_from_db()
    assert character.training.status == "complete"


def test_tags_and_projects(alice, bob):
    client = api_client_for(alice)
    parent = client.post("/api/v1/character-tags/", {"name": "Fantasy"}, format="json").json()
    child = client.post("/api/v1/character-tags/", {"name": "Elves", "parent": parent["id"]}, format="json")
    assert child.status_code == 201
    make_character(alice, name="Elf", tags=[child.json()["id"]])
    listed = client.get(f"{API}?tag={parent['id']}").json()["results"]
    assert [c["name"] for c in listed] == ["Elf"]
    project = client.post("/api/v1/projects/", {"name": "Studio"}, format="json").json()
    member = client.post(
        f"/api/v1/projects/{project['id']}/members/", {"username": "bob", "role": "editor"}, format="json"
    )
    assert member.json()["members"] == [{"username": "bob", "role": "editor"}]
    assert api_client_for(bob).get(f"/api/v1/projects/{project['id']}/").status_code == 200
