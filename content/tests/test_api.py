"""The content API: items (create by those who may change the persona, list with filters, detail,
delete), likes, comments, shares and metrics, each refusal in the API's one error shape."""

import pytest

from conftest import api_client_for, png_upload
from content import services
from content.models import ContentItem
from content.tests.factories import ContentItemFactory
from persona.models import ShareRole
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/content/"


def test_the_owner_publishes_a_post(alice, nova):
    response = api_client_for(alice).post(
        LIST, {"persona": nova.pk, "kind": "post", "title": "Hi", "body": "Hello."}
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["persona"], body["kind"], body["title"], body["author"]) == (nova.pk, "post", "Hi", "alice")
    assert body["counts"] == {"views": 0, "likes": 0, "comments": 0, "shares": 0, "engagement_rate": 0.0}
    assert body["page_url"].endswith(f"/content/{body['id']}/")


def test_an_image_is_uploaded_as_multipart_and_gets_a_thumbnail(alice, nova):
    response = api_client_for(alice).post(
        LIST,
        {"persona": nova.pk, "kind": "image", "title": "Nebula", "image": png_upload()},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    assert (
        "/media/content/" in response.json()["image"]
        and "/media/content/thumbs/" in response.json()["thumbnail"]
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "chat", "title": "x", "body": "y"}, "kind"),
        ({"kind": "post", "title": "", "body": "y"}, "title"),
        ({"kind": "post", "title": "No text"}, "body"),
        ({"kind": "image", "title": "No image"}, "image"),
    ],
)
def test_a_refused_item_is_a_400_naming_the_field(alice, nova, body, field):
    response = api_client_for(alice).post(LIST, {"persona": nova.pk, **body})

    assert response.status_code == 400 and field in response.json()["errors"]
    assert not ContentItem.objects.exists()


def test_only_those_who_may_change_the_persona_publish(nova, alice, bob, charlie):
    persona_share(persona=nova, actor=alice, username="bob", role=ShareRole.EDIT)
    body = {"persona": nova.pk, "kind": "post", "title": "Hi", "body": "x"}

    assert api_client_for(bob).post(LIST, body).status_code == 201
    assert api_client_for(charlie).post(LIST, body).status_code == 403
    assert api_client_for(None).post(LIST, body).status_code == 401


def test_a_persona_one_may_not_see_reads_as_unknown_when_publishing(secret_post, charlie):
    body = {"persona": secret_post.persona.pk, "kind": "post", "title": "Hi", "body": "x"}

    response = api_client_for(charlie).post(LIST, body)

    assert response.status_code == 400 and "persona" in response.json()["errors"]


def test_the_list_filters_by_persona_kind_and_words_and_pages_by_cursor(alice, nova):
    other = PersonaFactory(owner=alice)
    for number in range(3):
        ContentItemFactory(persona=nova, title=f"Nova note {number}")
    ContentItemFactory(persona=other, title="Elsewhere")
    client = api_client_for(None)

    mine = client.get(f"{LIST}?persona={nova.pk}&page_size=2").json()
    second = client.get(mine["next"]).json()
    words = client.get(f"{LIST}?search=elsewhere").json()["results"]

    assert [row["title"] for row in mine["results"] + second["results"]] == [
        f"Nova note {n}" for n in (2, 1, 0)
    ]
    assert [row["title"] for row in words] == ["Elsewhere"]
    assert client.get(f"{LIST}?kind=chat").json()["results"] == []
    assert client.get(f"{LIST}?persona=abc").status_code == 400


def test_most_liked_this_week_pages_by_cursor(nova, fans):
    items = [ContentItemFactory(persona=nova, title=f"Item {n}") for n in range(3)]
    for count, item in enumerate(items, 1):
        for fan in fans[:count]:
            services.content_like_toggle(item=item, actor=fan)
    client = api_client_for(None)

    first = client.get(f"{LIST}?sort=liked&page_size=2").json()
    rest = client.get(first["next"]).json()

    assert [row["title"] for row in first["results"] + rest["results"]] == ["Item 2", "Item 1", "Item 0"]


def test_an_item_shows_a_chats_messages_and_whether_you_like_it(alice, nova, bob):
    from content.transcripts import Message

    chat = services.content_import_transcript(
        persona=nova, actor=alice, title="Chat", messages=[Message("user", "Hi")]
    )
    services.content_like_toggle(item=chat, actor=bob)

    body = api_client_for(bob).get(f"{LIST}{chat.pk}/").json()

    assert body["messages"] == [{"role": "user", "text": "Hi", "time": None}]
    assert body["liked"] is True and body["counts"]["likes"] == 1


def test_liking_toggles_and_answers_the_count(post, bob):
    client = api_client_for(bob)

    liked, unliked = (
        client.post(f"{LIST}{post.pk}/like/").json(),
        client.post(f"{LIST}{post.pk}/like/").json(),
    )

    assert liked == {"liked": True, "likes": 1} and unliked == {"liked": False, "likes": 0}


def test_comments_are_created_listed_and_hidden_by_the_owner(post, alice, bob):
    created = api_client_for(bob).post(f"{LIST}{post.pk}/comments/", {"text": "Wonderful."})
    assert created.status_code == 201 and created.json()["counts"] is True
    comment_id = created.json()["id"]

    refused = api_client_for(bob).post(f"/api/v1/comments/{comment_id}/hide/", {"hidden": True})
    hidden = api_client_for(alice).post(f"/api/v1/comments/{comment_id}/hide/", {"hidden": True})

    assert refused.status_code == 403
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert api_client_for(bob).get(f"{LIST}{post.pk}/comments/").json()["results"] == []
    assert [
        c["hidden"] for c in api_client_for(alice).get(f"{LIST}{post.pk}/comments/").json()["results"]
    ] == [True]
    assert api_client_for(None).get(f"{LIST}{post.pk}/metrics/").json()["comments"] == 0


@pytest.mark.parametrize("text", ["", "x" * 2001])
def test_a_comment_out_of_bounds_is_a_400(post, bob, text):
    response = api_client_for(bob).post(f"{LIST}{post.pk}/comments/", {"text": text})

    assert response.status_code == 400 and "text" in response.json()["errors"]


def test_a_share_link_is_made_once(post, bob):
    client = api_client_for(bob)

    first, again = client.post(f"{LIST}{post.pk}/shares/"), client.post(f"{LIST}{post.pk}/shares/")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["url"] == again.json()["url"] and "/content/s/" in first.json()["url"]
    assert client.get(f"{LIST}{post.pk}/metrics/").json()["shares"] == 1


def test_the_metrics_of_an_item_and_of_its_persona(post, bob, charlie):
    for viewer in (bob, charlie):
        services.content_view_record(item=post, viewer=viewer)
    services.content_like_toggle(item=post, actor=bob)

    item = api_client_for(None).get(f"{LIST}{post.pk}/metrics/").json()
    persona = api_client_for(None).get(f"/api/v1/personas/{post.persona.pk}/content-metrics/").json()

    assert item == {"views": 2, "likes": 1, "comments": 0, "shares": 0, "engagement_rate": 0.5}
    assert persona["popularity_score"] == pytest.approx(1.4)
    assert persona["engagement_score"] == pytest.approx(1 / 12)
    assert [(day["views"], day["likes"]) for day in persona["days"]] == [(2, 1)]


def test_the_owner_and_moderators_delete_an_item_others_may_not(post, bob, maude):
    assert api_client_for(bob).delete(f"{LIST}{post.pk}/").status_code == 403
    assert api_client_for(maude).delete(f"{LIST}{post.pk}/").status_code == 204
    assert not ContentItem.objects.exists()


def test_too_many_reactions_are_a_429_saying_so(post, bob, settings):
    settings.CONTENT_REACTIONS_RATE_USER = "2/minute"
    client = api_client_for(bob)
    client.post(f"{LIST}{post.pk}/like/")
    client.post(f"{LIST}{post.pk}/like/")

    refused = client.post(f"{LIST}{post.pk}/comments/", {"text": "Third."})

    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert refused.json()["detail"].startswith(
        "Too many likes, comments and shares in a short time. Try again in"
    )
    assert client.get(f"{LIST}{post.pk}/comments/").status_code == 200  # reading is not reacting
    assert (
        client.post(LIST, {"persona": post.persona.pk, "kind": "post", "title": "t", "body": "b"}).status_code
        == 403
    )
