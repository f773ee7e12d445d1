"""Views, likes, comments and shares through the services: what counts, once, and what counts for
nothing (the owner's own, hidden comments)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from content import services
from content.models import ContentLike, ContentView, ShareLinkUse
from content.tests.conftest import counts_of
from metrics.models import InteractionMetrics

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def test_a_view_counts_once_per_viewer_a_day(post, bob, charlie):
    counted = [services.content_view_record(item=post, viewer=viewer) for viewer in (bob, bob, charlie, bob)]

    assert counted == [True, False, True, False]
    assert counts_of(post).views == 2


def test_the_same_viewer_counts_again_the_next_day(post, bob):
    services.content_view_record(item=post, viewer=bob)
    ContentView.objects.update(day=timezone.localdate() - timedelta(days=1))

    assert services.content_view_record(item=post, viewer=bob)
    assert counts_of(post).views == 2


def test_anonymous_viewers_count_once_per_session_and_not_without_one(post):
    views = [
        services.content_view_record(item=post, viewer=ANONYMOUS, session_key=key)
        for key in ("session-a", "session-a", "session-b", "")
    ]

    assert views == [True, False, True, False]
    assert counts_of(post).views == 2


def test_the_owners_own_views_likes_and_comments_count_for_nothing(post, alice):
    assert not services.content_view_record(item=post, viewer=alice)
    assert services.content_like_toggle(item=post, actor=alice)  # liked, it shows
    comment = services.comment_create(item=post, actor=alice, text="Thanks for reading!")

    assert counts_of(post).views == counts_of(post).likes == counts_of(post).comments == 0
    assert not ContentLike.objects.get().counted and not comment.counts
    assert post.persona.interaction_metrics.count() == 0


def test_one_like_per_person_and_liking_again_takes_it_back(post, bob, charlie):
    assert services.content_like_toggle(item=post, actor=bob)
    assert services.content_like_toggle(item=post, actor=charlie)
    assert counts_of(post).likes == 2

    assert not services.content_like_toggle(item=post, actor=bob)

    assert counts_of(post).likes == 1
    assert list(ContentLike.objects.values_list("user__username", flat=True)) == ["charlie"]


def test_a_like_taken_back_comes_off_the_day_it_was_made(post, bob):
    services.content_like_toggle(item=post, actor=bob)
    yesterday = timezone.now() - timedelta(days=1)
    ContentLike.objects.update(created_at=yesterday)
    InteractionMetrics.objects.update(day=yesterday.date())

    services.content_like_toggle(item=post, actor=bob)

    day = InteractionMetrics.objects.get()
    assert (day.day, day.likes) == (yesterday.date(), 0)


def test_hidden_comments_stop_counting_and_count_again_when_shown(post, alice, bob):
    comment = services.comment_create(item=post, actor=bob, text="Lovely.")
    assert counts_of(post).comments == 1

    comment = services.comment_set_hidden(comment=comment, actor=alice, hidden=True)
    services.comment_set_hidden(comment=comment, actor=alice, hidden=True)  # twice: still one taken back
    assert comment.is_hidden and counts_of(post).comments == 0
    assert InteractionMetrics.objects.get().comments == 0

    services.comment_set_hidden(comment=comment, actor=alice, hidden=False)
    assert counts_of(post).comments == 1


def test_only_the_owner_and_moderators_hide_comments(post, bob, charlie, maude):
    comment = services.comment_create(item=post, actor=bob, text="Hm.")

    for outsider in (bob, charlie):
        with pytest.raises(PermissionDenied):
            services.comment_set_hidden(comment=comment, actor=outsider, hidden=True)
    services.comment_set_hidden(comment=comment, actor=maude, hidden=True)

    assert counts_of(post).comments == 0


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_comments_hold_1_to_2000_characters(post, bob, text):
    with pytest.raises(ValidationError):
        services.comment_create(item=post, actor=bob, text=text)

    assert counts_of(post).comments == 0


def test_a_comment_of_2000_characters_is_fine(post, bob):
    services.comment_create(item=post, actor=bob, text="x" * 2000)

    assert counts_of(post).comments == 1


def test_making_a_share_link_is_one_share_however_often_asked(post, bob):
    link, made = services.share_link_create(item=post, actor=bob)
    again, made_again = services.share_link_create(item=post, actor=bob)

    assert (made, made_again) == (True, False) and link == again
    assert counts_of(post).shares == 1


def test_each_visitor_through_a_share_link_is_a_share_once_a_day(post, alice, bob, charlie):
    link, _ = services.share_link_create(item=post, actor=bob)
    link.item = post

    uses = [
        services.share_link_use(link=link, visitor=charlie),
        services.share_link_use(link=link, visitor=charlie),
        services.share_link_use(link=link, visitor=ANONYMOUS, session_key="s1"),
        services.share_link_use(link=link, visitor=bob),  # its maker
        services.share_link_use(link=link, visitor=alice),  # the owner
    ]

    assert uses == [True, False, True, False, False]
    assert counts_of(post).shares == 3  # made, and two visitors
    assert ShareLinkUse.objects.count() == 2


def test_the_owners_own_share_link_is_no_share_but_visitors_through_it_are(post, alice, bob):
    link, _ = services.share_link_create(item=post, actor=alice)
    link.item = post
    assert counts_of(post).shares == 0

    services.share_link_use(link=link, visitor=bob)

    assert counts_of(post).shares == 1


def test_nobody_signed_out_likes_comments_or_makes_share_links(post):
    for react in (
        lambda: services.content_like_toggle(item=post, actor=ANONYMOUS),
        lambda: services.comment_create(item=post, actor=ANONYMOUS, text="hi"),
        lambda: services.share_link_create(item=post, actor=ANONYMOUS),
    ):
        with pytest.raises(PermissionDenied):
            react()


def test_strangers_cannot_react_to_a_private_personas_content(secret_post, charlie):
    with pytest.raises(PermissionDenied):
        services.content_like_toggle(item=secret_post, actor=charlie)
