"""`/api/v1/personas/`: list, detail, create and change, as a caller of the API sees them."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import api_client_for, png_upload
from persona.models import OWN_NAME_TAKEN, Persona, ShareRole, Status, Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/personas/"


def detail(persona) -> str:
    return f"/api/v1/personas/{persona.pk}/"


def new_persona_body(**overrides) -> dict:
    body = {
        "name": "Ada the Analyst",
        "description": "Explains numbers patiently.",
        "system_prompt": "You are Ada.",
        "personality_traits": {"patience": 0.9},
        "capabilities": {"charts": True},
        "prompts": [
            {"title": "Start", "text": "What data do you have?"},
            {"title": "Next", "text": "Plot it."},
        ],
    }
    return {**body, **overrides}


def test_owner_creates_a_persona_with_prompts(alice):
    response = api_client_for(alice).post(LIST, new_persona_body(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["owner"] == "alice"
    assert body["slug"].startswith("ada-the-analyst-")
    assert body["visibility"] == Visibility.PRIVATE
    assert body["system_prompt"] == "You are Ada."
    assert [p["title"] for p in body["prompts"]] == ["Start", "Next"]
    assert body["forked_from"] is None and body["forks_count"] == 0
    assert body["lineage"] == {"ancestors": [], "forks": []}
    assert Persona.objects.get(pk=body["id"]).prompts.count() == 2


def test_anonymous_cannot_create(api_client):
    response = api_client.post(LIST, new_persona_body(), format="json")

    assert response.status_code == 401
    assert not Persona.objects.exists()


def test_create_without_trailing_slash_keeps_the_post_body(alice):
    response = api_client_for(alice).post(LIST.rstrip("/"), new_persona_body(), format="json")

    assert response.status_code == 201
    assert response.json()["name"] == "Ada the Analyst"


def test_image_upload_by_multipart_gives_image_and_thumbnail_urls(alice):
    body = new_persona_body(image=png_upload(), prompts='[{"title": "Hi", "text": "Hello"}]')
    body.pop("personality_traits"), body.pop("capabilities")

    response = api_client_for(alice).post(LIST, body, format="multipart")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["image"].startswith("http://testserver/media/personas/")
    assert data["thumbnail"].startswith("http://testserver/media/personas/thumbs/")
    assert data["prompts"] == [{"title": "Hi", "text": "Hello"}]


def test_multipart_json_fields_are_parsed(alice):
    body = {
        **new_persona_body(),
        "personality_traits": '{"warmth": 0.5}',
        "capabilities": "{}",
        "prompts": "[]",
    }

    response = api_client_for(alice).post(LIST, body, format="multipart")

    assert response.status_code == 201, response.json()
    assert response.json()["personality_traits"] == {"warmth": 0.5}


def _truncated_png() -> bytes:
    return png_upload().read()[:60]


def _bomb_png() -> bytes:
    buffer = BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text, not an image", "not a readable image"),
        (_truncated_png(), "not a readable image"),
        (_bomb_png(), "too many pixels"),
    ],
    ids=["text-renamed-png", "truncated", "decompression-bomb"],
)
def test_bad_image_is_a_400_naming_image(alice, content, message):
    upload = SimpleUploadedFile("face.png", content, content_type="image/png")
    body = {"name": "Ada the Analyst", "description": "Numbers.", "image": upload}

    response = api_client_for(alice).post(LIST, body, format="multipart")

    assert response.status_code == 400
    assert message in response.json()["errors"]["image"][0]
    assert not Persona.objects.exists()


def test_image_too_large_in_pixels_per_side(alice):
    body = {"name": "Ada the Analyst", "description": "Numbers.", "image": png_upload(size=(4100, 10))}

    response = api_client_for(alice).post(LIST, body, format="multipart")

    assert response.status_code == 400
    assert "4096" in response.json()["errors"]["image"][0]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "Al"}, "name"),
        ({"description": ""}, "description"),
        ({"personality_traits": {"warmth": 1.5}}, "personality_traits"),
        ({"personality_traits": ["warm"]}, "personality_traits"),
        ({"capabilities": "everything"}, "capabilities"),
        ({"ai_link": "ftp://example.com/model"}, "ai_link"),
        ({"ai_link": "javascript:alert(1)"}, "ai_link"),
        ({"visibility": "secret"}, "visibility"),
        ({"prompts": [{"title": "", "text": "x"}]}, "prompts"),
        ({"capabilities": {"note": "nul\u0000here"}}, "capabilities"),
    ],
)
def test_invalid_input_is_a_400_naming_the_field(alice, overrides, field):
    response = api_client_for(alice).post(LIST, new_persona_body(**overrides), format="json")

    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"], body
    assert body["detail"]
    assert not Persona.objects.exists()


def test_duplicate_name_is_a_400_naming_name(alice):
    PersonaFactory(owner=alice, name="Ada the Analyst")

    response = api_client_for(alice).post(LIST, new_persona_body(name="ada THE analyst"), format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["name"] == [OWN_NAME_TAKEN]


def test_patch_changes_fields_and_replaces_prompts(alice):
    persona = PersonaFactory(owner=alice, name="Old Name")
    client = api_client_for(alice)
    client.patch(detail(persona), {"prompts": [{"title": "A", "text": "a"}]}, format="json")

    response = client.patch(
        detail(persona), {"name": "New Name", "prompts": [{"title": "B", "text": "b"}]}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["slug"].startswith("new-name-")
    assert response.json()["prompts"] == [{"title": "B", "text": "b"}]
    persona.refresh_from_db()
    assert persona.name == "New Name"
    assert list(persona.prompts.values_list("title", flat=True)) == ["B"]


def test_patch_without_prompts_keeps_them(alice):
    persona = PersonaFactory(owner=alice, prompts=[{"title": "Keep", "text": "me"}])

    response = api_client_for(alice).patch(detail(persona), {"description": "Changed."}, format="json")

    assert response.json()["prompts"] == [{"title": "Keep", "text": "me"}]


@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_patch_refuses_a_prompt_without_its_title_and_keeps_the_old_ones(alice, fmt):
    import json

    persona = PersonaFactory(owner=alice, prompts=[{"title": "Keep", "text": "me"}])
    prompts = [{"text": "No title here"}]
    body = {"prompts": prompts if fmt == "json" else json.dumps(prompts)}

    response = api_client_for(alice).patch(detail(persona), body, format=fmt)

    assert response.status_code == 400
    assert response.json()["errors"]["prompts"] == {"0": {"title": ["This field is required."]}}
    assert list(persona.prompts.values_list("title", flat=True)) == ["Keep"]


def test_put_requires_name_and_description(alice):
    persona = PersonaFactory(owner=alice)

    response = api_client_for(alice).put(detail(persona), {"description": "Only this."}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()["errors"]


def test_patch_image_null_clears_it(alice):
    persona = PersonaFactory(owner=alice, image=png_upload())
    assert persona.thumbnail

    response = api_client_for(alice).patch(detail(persona), {"image": None}, format="json")

    assert response.status_code == 200
    assert response.json()["image"] is None and response.json()["thumbnail"] is None


def test_invalid_patch_changes_nothing(alice):
    persona = PersonaFactory(owner=alice, name="Steady Name")

    response = api_client_for(alice).patch(
        detail(persona), {"name": "Other Name", "personality_traits": {"x": 2}}, format="json"
    )

    assert response.status_code == 400
    persona.refresh_from_db()
    assert persona.name == "Steady Name"


def test_shared_use_user_sees_private_persona_without_system_prompt(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, system_prompt="Secret sauce")
    persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.USE)

    listed = api_client_for(bob).get(LIST).json()["results"]
    shown = api_client_for(bob).get(detail(persona)).json()

    assert [p["system_prompt"] for p in listed] == [None]
    assert shown["system_prompt"] is None
    assert api_client_for(alice).get(detail(persona)).json()["system_prompt"] == "Secret sauce"


def test_public_persona_shows_its_system_prompt_to_anyone(api_client):
    persona = PersonaFactory(visibility=Visibility.PUBLIC, system_prompt="Open book")

    assert api_client.get(detail(persona)).json()["system_prompt"] == "Open book"


def test_list_filters_by_status_visibility_owner_and_search(alice, bob):
    PersonaFactory(owner=alice, name="Archived Owl", status=Status.ARCHIVED)
    PersonaFactory(owner=alice, name="Private Panda", visibility=Visibility.PRIVATE)
    PersonaFactory(owner=bob, name="Bobs Bear", description="Likes honey")
    client = api_client_for(alice)

    def names(**params):
        return sorted(p["name"] for p in client.get(LIST, params).json()["results"])

    assert names(status="archived") == ["Archived Owl"]
    assert names(visibility="private") == ["Private Panda"]
    assert names(owner="BOB") == ["Bobs Bear"]
    assert names(search="honey") == ["Bobs Bear"]
    assert names(search="panda") == ["Private Panda"]


def test_list_filters_by_forked_from(alice):
    parent = PersonaFactory(owner=alice)
    PersonaFactory(owner=alice)
    fork = PersonaFactory(owner=alice, forked_from=parent)

    results = api_client_for(alice).get(LIST, {"forked_from": parent.pk}).json()["results"]

    assert [p["id"] for p in results] == [fork.pk]


def names(page: dict) -> list[str]:
    return [p["name"] for p in page["results"]]


def test_list_orders_by_name_ignoring_case_and_pages_with_cursors(alice):
    for name in ["Cedar", "aspen", "Birch"]:
        PersonaFactory(owner=alice, name=name)
    client = api_client_for(alice)

    first = client.get(LIST, {"ordering": "name", "page_size": 2}).json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    descending = client.get(LIST, {"ordering": "-name", "page_size": 2}).json()

    assert (names(first), first["previous"]) == (["aspen", "Birch"], None)
    assert (names(second), second["next"]) == (["Cedar"], None)
    assert (names(back), back["previous"]) == (["aspen", "Birch"], None)
    assert names(descending) == ["Cedar", "Birch"]
    assert "count" not in first  # counting a million rows for every page is what cursors avoid


@pytest.mark.parametrize("ordering", ["popularity_score", "-popularity_score", "-created_at", "name"])
def test_walking_the_pages_visits_every_persona_once_even_among_ties(alice, ordering):
    expected = {PersonaFactory(owner=alice).name for _ in range(7)}  # all popularity 0: one long tie
    client, seen, url = api_client_for(alice), [], f"{LIST}?ordering={ordering}&page_size=3"

    while url:
        page = client.get(url).json()
        seen += names(page)
        url = page["next"]

    assert sorted(seen) == sorted(expected)


@pytest.mark.parametrize(
    "query",
    [
        "cursor=bm9wZQ",
        "cursor=%%%",
        "cursor=eyJ2IjpbImEiXSwiYiI6ZmFsc2V9",
        "page_size=0",
        "page_size=101",
        "page_size=²",
    ],
)
def test_a_bad_cursor_or_page_size_is_a_400_naming_it(alice, query):
    PersonaFactory(owner=alice)

    response = api_client_for(alice).get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"]


def test_a_cursor_from_a_tampered_value_of_the_wrong_type_is_a_400(alice):
    import base64
    import json

    PersonaFactory(owner=alice)
    cursor = base64.urlsafe_b64encode(json.dumps({"v": ["not a date", 1], "b": False}).encode()).decode()

    response = api_client_for(alice).get(LIST, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_bad_filter_values_are_400s_naming_the_parameter(alice):
    client = api_client_for(alice)

    assert "status" in client.get(LIST, {"status": "sleeping"}).json()["errors"]
    assert "ordering" in client.get(LIST, {"ordering": "secret"}).json()["errors"]
    assert "forked_from" in client.get(LIST, {"forked_from": "x"}).json()["errors"]


def test_list_query_count_does_not_grow_with_more_personas(alice, bob, django_assert_max_num_queries):
    def make_personas():
        for _ in range(3):
            parent = PersonaFactory(owner=bob, prompts=[{"title": "t", "text": "x"}])
            PersonaFactory(owner=alice, forked_from=parent, visibility=Visibility.PRIVATE)
            shared = PersonaFactory(owner=bob, visibility=Visibility.PRIVATE)
            persona_share(persona=shared, actor=bob, username="alice", role=ShareRole.USE)

    client = api_client_for(alice)
    make_personas()
    with django_assert_max_num_queries(8) as few:
        assert client.get(LIST).status_code == 200
    make_personas()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(LIST).json()["results"]) == 18


def test_patch_by_multipart_replaces_the_image_and_its_thumbnail(alice):
    persona = PersonaFactory(owner=alice, image=png_upload("old.png"))
    old_image, old_thumbnail = persona.image.name, persona.thumbnail.name

    response = api_client_for(alice).patch(
        detail(persona), {"image": png_upload("new.png", size=(300, 200))}, format="multipart"
    )

    assert response.status_code == 200, response.json()
    persona.refresh_from_db()
    assert persona.image.name != old_image
    assert (persona.image.width, persona.image.height) == (300, 200)
    assert persona.thumbnail.name != old_thumbnail
    assert response.json()["thumbnail"].endswith(persona.thumbnail.url)
