"""Moderation in the admin: items are read-only and deleted through the service (their counts leave the
persona's popularity), comments are hidden or shown again by actions."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from content import services
from content.models import ContentComment, ContentItem, ContentLike
from content.tests.conftest import counts_of

pytestmark = pytest.mark.django_db


def test_a_moderator_hides_and_shows_comments_with_the_actions(moderator_client, post, bob):
    comment = services.comment_create(item=post, actor=bob, text="Buy cheap watches!")

    moderator_client.post(
        "/admin/content/contentcomment/", {"action": "hide", "_selected_action": [comment.pk]}, follow=True
    )
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by.username == "maude" and counts_of(post).comments == 0

    moderator_client.post(
        "/admin/content/contentcomment/", {"action": "show", "_selected_action": [comment.pk]}
    )
    comment.refresh_from_db()
    assert not comment.is_hidden and counts_of(post).comments == 1


def test_a_moderator_deletes_items_through_the_service(moderator_client, post, bob):
    services.content_like_toggle(item=post, actor=bob)

    response = moderator_client.post(
        "/admin/content/contentitem/",
        {"action": "delete_selected", "_selected_action": [post.pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert not ContentItem.objects.exists() and not ContentLike.objects.exists()
    post.persona.refresh_from_db()
    assert post.persona.popularity_score == 0


def test_items_and_comments_cannot_be_added_or_edited_in_the_admin(moderator_client, post):
    assert moderator_client.get("/admin/content/contentitem/add/").status_code == 403
    page = moderator_client.get(f"/admin/content/contentitem/{post.pk}/change/")
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()


def test_demo_data_is_idempotent_with_content_likes_and_comments(db):
    call_command("seed_demo", stdout=StringIO())
    counts = (ContentItem.objects.count(), ContentLike.objects.count(), ContentComment.objects.count())

    call_command("seed_demo", stdout=StringIO())

    assert (
        ContentItem.objects.count(),
        ContentLike.objects.count(),
        ContentComment.objects.count(),
    ) == counts
    assert counts[0] >= 15 and counts[1] >= 6 and counts[2] >= 3  # the demo answers are content too
    chat = ContentItem.objects.get(kind="chat")
    assert chat.messages.count() == 4 and counts_of(chat).likes == 2


def test_a_bad_reaction_rate_stops_start_up():
    root = Path(__file__).resolve().parents[2]
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CONTENT_REACTIONS_RATE_USER": "lots",
        "PATH": "",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=root, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "CONTENT_REACTIONS_RATE_USER is a rate such as 30/minute" in result.stderr
