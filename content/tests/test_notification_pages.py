"""The bell, the notifications page and the API: the owner's eyes only, mark read (one or all), and
notifications about personas the recipient can no longer see staying out of sight."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import api_client_for
from content import services
from content.models import Notification, NotificationVerb
from content.tests.factories import ContentItemFactory
from persona.models import ShareRole, Visibility
from persona.services import persona_delete, persona_share, persona_unshare, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def bell_count(client) -> str:
    html = client.get("/personas/").content.decode()
    return html.split('data-unread="', 1)[1].split('"', 1)[0]


@pytest.fixture
def liked_by_two(post, bob, charlie):
    services.content_like_toggle(item=post, actor=bob)
    services.content_like_toggle(item=post, actor=charlie)
    services.comment_create(item=post, actor=bob, text="Lovely.")
    return post


def test_the_bell_shows_the_unread_count_and_follows_marking_read(alice, liked_by_two):
    client = logged_in(alice)
    assert bell_count(client) == "2"  # the likes, grouped, and the comment

    client.post("/notifications/read-all/")

    assert bell_count(client) == "0"


def test_the_bell_costs_no_query_once_counted(alice, liked_by_two):
    client = logged_in(alice)
    client.get("/personas/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/personas/")
    assert not [q for q in captured.captured_queries if "content_notification" in q["sql"]]


def test_anonymous_visitors_see_no_bell(liked_by_two):
    assert b'class="bell"' not in Client().get("/personas/").content


def test_the_page_lists_grouped_notifications_newest_first(alice, liked_by_two):
    html = logged_in(alice).get("/notifications/").content.decode()

    assert "2 people liked Nova the Guide" in html
    assert "bob commented on Nova the Guide" in html
    assert html.index("commented on") < html.index("2 people liked")


def test_marking_one_read_leaves_the_others_unread(alice, liked_by_two):
    liked = Notification.objects.get(recipient=alice, verb=NotificationVerb.LIKED)
    client = logged_in(alice)

    response = client.post(f"/notifications/{liked.pk}/read/")

    assert response.status_code == 302
    liked.refresh_from_db()
    assert liked.is_read
    assert Notification.objects.filter(recipient=alice, read_at=None).count() == 1
    assert bell_count(client) == "1"


def test_opening_a_notification_marks_it_read_and_leads_to_the_item(alice, liked_by_two):
    liked = Notification.objects.get(recipient=alice, verb=NotificationVerb.LIKED)

    response = logged_in(alice).post(f"/notifications/{liked.pk}/read/", {"open": "1"})

    assert response["Location"] == liked_by_two.get_absolute_url()


def test_someone_else_s_notification_is_404_in_page_and_api(alice, bob, liked_by_two):
    liked = Notification.objects.get(recipient=alice, verb=NotificationVerb.LIKED)

    assert logged_in(bob).post(f"/notifications/{liked.pk}/read/").status_code == 404
    assert api_client_for(bob).post(f"/api/v1/notifications/{liked.pk}/read/").status_code == 404
    liked.refresh_from_db()
    assert not liked.is_read


def test_the_page_asks_anonymous_visitors_to_log_in():
    response = Client().get("/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_api_lists_counts_and_marks_read(alice, liked_by_two):
    api = api_client_for(alice)

    listed = api.get("/api/v1/notifications/").json()["results"]
    assert [(n["verb"], n["actor_count"], n["sentence"]) for n in listed] == [
        ("commented", 1, "bob commented on Nova the Guide"),
        ("liked", 2, "2 people liked Nova the Guide"),
    ]
    assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 2}

    read = api.post(f"/api/v1/notifications/{listed[0]['id']}/read/").json()
    assert read["is_read"] is True
    assert [n["verb"] for n in api.get("/api/v1/notifications/?unread=true").json()["results"]] == ["liked"]
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}


def test_the_api_wants_credentials(liked_by_two):
    assert Client().get("/api/v1/notifications/").status_code in (401, 403)


def test_a_notification_about_a_persona_no_longer_shared_is_hidden(alice, bob):
    secret = PersonaFactory(owner=alice, name="Secret Diary", visibility=Visibility.PRIVATE)
    persona_share(persona=secret, actor=alice, username="bob", role=ShareRole.USE)
    client, api = logged_in(bob), api_client_for(bob)
    assert "alice shared Secret Diary with you" in client.get("/notifications/").content.decode()

    persona_unshare(persona=secret, actor=alice, username="bob")

    assert "Secret Diary" not in client.get("/notifications/").content.decode()
    assert api.get("/api/v1/notifications/").json()["results"] == []
    assert api.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}
    shared = Notification.objects.get(recipient=bob)
    assert api.post(f"/api/v1/notifications/{shared.pk}/read/").status_code == 404


def test_a_persona_turned_private_takes_its_notifications_from_a_former_sharer(alice, bob, nova, post):
    persona_share(persona=nova, actor=alice, username="bob", role=ShareRole.USE)
    persona_unshare(persona=nova, actor=alice, username="bob")
    assert "Nova the Guide" in logged_in(bob).get("/notifications/").content.decode()  # public still

    persona_update(persona=nova, actor=alice, visibility=Visibility.PRIVATE)

    assert "Nova the Guide" not in logged_in(bob).get("/notifications/").content.decode()


def test_the_list_costs_the_same_queries_however_many_notifications(alice, nova, fans):
    def queries() -> int:
        client = logged_in(alice)
        client.get("/notifications/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/notifications/").status_code == 200
        return len(captured)

    post = ContentItemFactory(persona=nova)
    services.content_like_toggle(item=post, actor=fans[0])
    few = queries()
    for fan in fans:
        services.comment_create(item=post, actor=fan, text="Again.")
        services.share_link_create(item=post, actor=fan)
        other = ContentItemFactory(persona=PersonaFactory(owner=alice, visibility=Visibility.PUBLIC))
        services.content_like_toggle(item=other, actor=fan)
        persona_share(persona=PersonaFactory(owner=fan), actor=fan, username="alice", role=ShareRole.USE)
    assert Notification.objects.filter(recipient=alice).count() > 10
    assert queries() == few


def test_deleting_the_persona_takes_its_notifications_off_the_bell(alice, nova, liked_by_two):
    client = logged_in(alice)
    assert bell_count(client) == "2"

    persona_delete(persona=nova, actor=alice, reason="test_data")

    assert bell_count(client) == "0"
    assert "Nova the Guide" not in client.get("/notifications/").content.decode()
