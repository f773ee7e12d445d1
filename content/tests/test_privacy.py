"""A persona's content is visible to whoever may see the persona and nobody else: a stranger gets the
404 of an item that does not exist in pages, API, admin and media, and finds it in no list, feed or
search; unlisted personas' content opens by link but is listed nowhere; a deleted persona's content
vanishes with it."""

import pytest
from django.test import Client

from conftest import api_client_for, png_upload
from content import services
from content.models import ContentKind
from content.tests.factories import ContentItemFactory
from persona.models import ShareRole, Visibility
from persona.services import persona_delete, persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def item_pages(item) -> list[str]:
    return [item.get_absolute_url(), f"/content/personas/{item.persona.slug}/", f"/content/{item.pk}/delete/"]


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_a_stranger_gets_404_for_a_private_personas_content_in_pages_and_api(secret_post, charlie, who):
    user = charlie if who == "stranger" else None
    pages, api = client_for(user), api_client_for(user)
    comment = services.comment_create(item=secret_post, actor=secret_post.persona.owner, text="Note to self.")

    statuses = [pages.get(url).status_code for url in item_pages(secret_post)[:2]]
    statuses += [
        api.get(f"/api/v1/content/{secret_post.pk}/").status_code,
        api.get(f"/api/v1/content/{secret_post.pk}/comments/").status_code,
        api.get(f"/api/v1/content/{secret_post.pk}/metrics/").status_code,
        api.get(f"/api/v1/content/?persona={secret_post.persona.pk}").status_code,
        api.get(f"/api/v1/personas/{secret_post.persona.pk}/content-metrics/").status_code,
    ]

    assert statuses == [404] * 7
    if user is not None:
        reactions = [
            pages.post(f"/content/{secret_post.pk}/like/").status_code,
            pages.post(f"/content/{secret_post.pk}/comments/", {"text": "hi"}).status_code,
            pages.post(f"/content/{secret_post.pk}/share/").status_code,
            pages.post(f"/content/comments/{comment.pk}/hide/").status_code,
            api.post(f"/api/v1/content/{secret_post.pk}/like/").status_code,
            api.post(f"/api/v1/content/{secret_post.pk}/comments/", {"text": "hi"}).status_code,
            api.post(f"/api/v1/content/{secret_post.pk}/shares/").status_code,
            api.post(f"/api/v1/comments/{comment.pk}/hide/", {"hidden": True}).status_code,
            api.delete(f"/api/v1/content/{secret_post.pk}/").status_code,
        ]
        assert reactions == [404] * 9


def test_a_private_personas_content_is_in_no_list_feed_or_search_of_a_stranger(secret_post, post, charlie):
    pages, api = client_for(charlie), api_client_for(charlie)

    feed = pages.get("/content/").content.decode()
    searched = pages.get("/content/?q=diary").content.decode()
    listed = {row["id"] for row in api.get("/api/v1/content/").json()["results"]}
    found = api.get("/api/v1/content/?search=diary").json()["results"]

    assert post.title in feed and secret_post.title not in feed
    assert secret_post.title not in searched
    assert listed == {post.pk} and found == []


def test_the_owner_and_those_it_is_shared_with_see_private_content_everywhere(secret_post, alice, bob):
    persona_share(persona=secret_post.persona, actor=alice, username="bob", role=ShareRole.USE)
    for user in (alice, bob):
        pages, api = client_for(user), api_client_for(user)

        assert pages.get(secret_post.get_absolute_url()).status_code == 200
        assert secret_post.title in pages.get("/content/?q=diary").content.decode()
        assert [row["id"] for row in api.get("/api/v1/content/?search=diary").json()["results"]] == [
            secret_post.pk
        ]
    assert api_client_for(bob).post(f"/api/v1/content/{secret_post.pk}/like/").json()["liked"]


def test_unlisted_personas_content_opens_by_link_but_is_listed_nowhere(alice, charlie):
    unlisted = ContentItemFactory(
        persona=PersonaFactory(owner=alice, visibility=Visibility.UNLISTED), title="By link"
    )
    pages, api = client_for(charlie), api_client_for(charlie)

    assert pages.get(unlisted.get_absolute_url()).status_code == 200
    assert pages.get(f"/content/personas/{unlisted.persona.slug}/").status_code == 200
    assert "By link" not in pages.get("/content/").content.decode()
    assert api.get("/api/v1/content/").json()["results"] == []
    assert [
        row["id"] for row in api.get(f"/api/v1/content/?persona={unlisted.persona.pk}").json()["results"]
    ] == [unlisted.pk]


def test_a_deleted_personas_content_vanishes_from_lists_and_pages(post, alice, bob):
    services.content_like_toggle(item=post, actor=bob)
    persona_delete(persona=post.persona, actor=alice)

    assert client_for(bob).get(post.get_absolute_url()).status_code == 404
    assert post.title not in client_for(alice).get("/content/?sort=liked").content.decode()
    assert api_client_for(alice).get("/api/v1/content/").json()["results"] == []


def test_images_of_private_content_are_served_to_those_who_may_see_them_only(alice, charlie):
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    item = services.content_create(
        persona=secret, actor=alice, kind=ContentKind.IMAGE, title="Sketch", image=png_upload()
    )
    public = services.content_create(
        persona=PersonaFactory(owner=alice),
        actor=alice,
        kind=ContentKind.IMAGE,
        title="Poster",
        image=png_upload(),
    )

    for name in (item.image.name, item.thumbnail.name):
        assert client_for(charlie).get(f"/media/{name}").status_code == 404
        owner_copy = client_for(alice).get(f"/media/{name}")
        assert owner_copy.status_code == 200 and "no-store" in owner_copy["Cache-Control"]
    assert client_for(None).get(f"/media/{public.image.name}").status_code == 200


@pytest.fixture
def staff_stranger(charlie):
    charlie.is_staff = True
    charlie.save()
    from django.contrib.auth.models import Permission

    charlie.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="content", codename__startswith="view_")
    )
    return charlie


def test_the_admin_lists_only_content_of_personas_the_staff_member_may_read(
    secret_post, post, staff_stranger
):
    admin = client_for(staff_stranger)
    comment = services.comment_create(item=secret_post, actor=secret_post.persona.owner, text="Private note.")

    items = admin.get("/admin/content/contentitem/").content.decode()
    comments = admin.get("/admin/content/contentcomment/").content.decode()

    assert post.title in items and secret_post.title not in items
    assert "Private note." not in comments
    assert (
        admin.get(f"/admin/content/contentitem/{secret_post.pk}/change/").status_code == 302
    )  # as a missing one
    assert admin.get(f"/admin/content/contentcomment/{comment.pk}/change/").status_code == 302
