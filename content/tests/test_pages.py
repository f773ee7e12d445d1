"""The content pages: the feed, an item with its reactions and comments, a persona's content, publishing
and deleting, share links, and the limits that stop floods."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from conftest import png_upload
from content import services
from content.models import ContentItem, ContentKind, ContentLike, ShareLink
from content.tests.conftest import counts_of
from content.tests.factories import ContentItemFactory
from persona.services import persona_update

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_feed_shows_the_newest_first(nova):
    older, _ = (
        ContentItemFactory(persona=nova, title="Older"),
        ContentItemFactory(persona=nova, title="Newer"),
    )
    ContentItem.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))

    page = Client().get("/content/").content.decode()

    assert page.index("Newer") < page.index("Older")


def test_most_liked_this_week_counts_the_weeks_counted_likes_only(nova, alice, fans):
    popular, quiet, old_hit = (
        ContentItemFactory(persona=nova, title=title) for title in ("Popular", "Quiet", "Old hit")
    )
    for fan in fans[:3]:
        services.content_like_toggle(item=popular, actor=fan)
    services.content_like_toggle(item=quiet, actor=fans[0])
    services.content_like_toggle(item=quiet, actor=alice)  # the owner's: counts for nothing
    for fan in fans:
        services.content_like_toggle(item=old_hit, actor=fan)
    ContentLike.objects.filter(item=old_hit).update(created_at=timezone.now() - timedelta(days=8))

    page = Client().get("/content/?sort=liked")

    titles = [item.title for item in page.context["items"]]
    assert titles == ["Popular", "Quiet"]
    assert [item.recent_likes for item in page.context["items"]] == [3, 1]


def test_the_feed_filters_by_kind_and_searches_titles_and_text(nova):
    ContentItemFactory(persona=nova, title="Orion rising", body="Winter skies.")
    ContentItemFactory(persona=nova, title="Summer triangle", body="Vega, Deneb and Altair.")

    found = Client().get("/content/?q=deneb").context["items"]
    posts = Client().get("/content/?kind=chat").context["items"]

    assert [item.title for item in found] == ["Summer triangle"] and posts == []


def test_an_items_page_counts_a_view_and_shows_its_reactions_and_comments(post, bob, charlie):
    services.content_like_toggle(item=post, actor=charlie)
    services.comment_create(item=post, actor=charlie, text="Clear skies tonight!")

    page = signed_in(bob).get(post.get_absolute_url())

    html = page.content.decode()
    assert "1 view" in html and "1 like" in html and "1 comment" in html
    assert "Clear skies tonight!" in html and 'aria-pressed="false"' in html
    assert counts_of(post).views == 1


def test_an_anonymous_viewer_is_counted_once_by_the_session_the_page_starts(post):
    visitor = Client()

    first = visitor.get(post.get_absolute_url())
    visitor.get(post.get_absolute_url())
    Client().get(post.get_absolute_url())

    assert first.cookies["sessionid"].value
    assert counts_of(post).views == 2


def test_views_beyond_the_ip_limit_are_shown_but_not_counted(post, settings, fans):
    settings.CONTENT_VIEWS_RATE_IP = "2/hour"

    statuses = [signed_in(fan).get(post.get_absolute_url()).status_code for fan in fans[:4]]

    assert statuses == [200] * 4 and counts_of(post).views == 2


def test_liking_on_the_page_toggles_and_goes_back(post, bob):
    client = signed_in(bob)

    response = client.post(f"/content/{post.pk}/like/")
    assert response.status_code == 302 and response["Location"].endswith("#reactions")
    assert 'aria-pressed="true"' in client.get(post.get_absolute_url()).content.decode()
    client.post(f"/content/{post.pk}/like/")

    assert counts_of(post).likes == 0 and not ContentLike.objects.exists()


def test_too_many_reactions_get_a_clear_message_and_count_no_more(post, bob, settings):
    settings.CONTENT_REACTIONS_RATE_USER = "2/minute"
    client = signed_in(bob)
    client.post(f"/content/{post.pk}/like/")
    client.post(f"/content/{post.pk}/comments/", {"text": "One."})

    refused = client.post(f"/content/{post.pk}/comments/", {"text": "Two."})

    assert refused.status_code == 429
    assert "Too many likes, comments and shares in a short time. Try again in" in refused.content.decode()
    assert "Two." in refused.content.decode()  # what was typed stays in the form
    assert counts_of(post).comments == 1


def test_the_limit_per_client_ip_holds_across_accounts(post, fans, settings):
    settings.CONTENT_REACTIONS_RATE_IP = "3/minute"

    for fan in fans:
        signed_in(fan).post(f"/content/{post.pk}/like/")

    assert counts_of(post).likes == 3


def test_a_comment_is_posted_and_the_owner_hides_it(post, alice, bob):
    signed_in(bob).post(f"/content/{post.pk}/comments/", {"text": "Spam spam spam."})
    comment = post.comments.get()
    assert 'value="1"' not in signed_in(bob).get(post.get_absolute_url()).content.decode()  # no hide button

    signed_in(alice).post(f"/content/comments/{comment.pk}/hide/", {"hidden": "1"})

    assert "Spam spam spam." not in signed_in(bob).get(post.get_absolute_url()).content.decode()
    assert "Spam spam spam." in signed_in(alice).get(post.get_absolute_url()).content.decode()
    assert counts_of(post).comments == 0
    assert signed_in(bob).post(f"/content/comments/{comment.pk}/hide/", {"hidden": "0"}).status_code == 403


def test_a_share_link_is_made_once_and_each_visitor_through_it_is_a_share(post, bob, charlie):
    signed_in(bob).post(f"/content/{post.pk}/share/")
    signed_in(bob).post(f"/content/{post.pk}/share/")
    link = ShareLink.objects.get()
    assert link.get_absolute_url() in signed_in(bob).get(post.get_absolute_url()).content.decode()

    followed = signed_in(charlie).get(link.get_absolute_url())
    Client().get(link.get_absolute_url())

    assert followed.status_code == 302 and followed["Location"] == post.get_absolute_url()
    assert counts_of(post).shares == 3


def test_an_unknown_share_link_is_a_404(db):
    assert Client().get("/content/s/not-a-token/").status_code == 404


def test_the_owner_publishes_a_post_and_an_image_from_the_persona_page(nova, alice):
    client = signed_in(alice)
    assert f"/content/personas/{nova.slug}/new/" in client.get(nova.get_absolute_url()).content.decode()

    post = client.post(
        f"/content/personas/{nova.slug}/new/", {"kind": "post", "title": "Hello", "body": "First post."}
    )
    image = client.post(
        f"/content/personas/{nova.slug}/new/", {"kind": "image", "title": "Andromeda", "image": png_upload()}
    )

    assert post.status_code == image.status_code == 302
    made = ContentItem.objects.get(kind=ContentKind.IMAGE)
    assert made.thumbnail.name.startswith("content/thumbs/") and made.image.name.startswith("content/")
    assert "Andromeda" in client.get(nova.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"kind": "image", "title": "No picture"}, "Choose the image to publish."),
        ({"kind": "post", "title": "Empty"}, "A post needs some text."),
        ({"kind": "image", "title": "Not an image", "image": "junk"}, "not a readable image"),
    ],
)
def test_a_refused_publication_says_why_and_saves_nothing(nova, alice, form, error):
    if form.get("image") == "junk":
        from django.core.files.uploadedfile import SimpleUploadedFile

        form = {**form, "image": SimpleUploadedFile("x.png", b"not a png", content_type="image/png")}

    response = signed_in(alice).post(f"/content/personas/{nova.slug}/new/", form)

    assert response.status_code == 400 and error in response.content.decode()
    assert not ContentItem.objects.exists()


def test_others_may_not_publish_for_a_persona(nova, bob):
    assert signed_in(bob).get(f"/content/personas/{nova.slug}/new/").status_code == 403
    assert (
        signed_in(bob)
        .post(f"/content/personas/{nova.slug}/import/", {"title": "x", "transcript": "User: hi"})
        .status_code
        == 403
    )


def test_an_archived_persona_publishes_nothing_new(nova, alice):
    persona_update(persona=nova, actor=alice, status="archived")

    response = signed_in(alice).post(
        f"/content/personas/{nova.slug}/new/", {"kind": "post", "title": "Hi", "body": "x"}
    )

    assert (
        response.status_code == 400
        and "An archived persona publishes nothing new." in response.content.decode()
    )


def test_the_owner_deletes_an_item_and_its_counts_leave_the_personas_popularity(post, alice, bob):
    services.content_like_toggle(item=post, actor=bob)
    nova = post.persona
    nova.refresh_from_db()
    assert nova.popularity_score == 1

    assert signed_in(bob).post(f"/content/{post.pk}/delete/").status_code == 403
    response = signed_in(alice).post(f"/content/{post.pk}/delete/")

    assert response.status_code == 302 and not ContentItem.objects.exists()
    nova.refresh_from_db()
    assert nova.popularity_score == 0


def test_a_personas_content_tab_shows_its_items_popularity_and_days(post, bob):
    services.content_view_record(item=post, viewer=bob)
    services.content_like_toggle(item=post, actor=bob)

    page = Client().get(f"/content/personas/{post.persona.slug}/")

    html = page.content.decode()
    assert post.title in html and page.context["performance"].totals.likes == 1
    assert 'data-testid="popularity">1.2<' in html
    assert "reactions-by-day" in html  # the chart of the days


def test_a_renamed_personas_old_content_address_moves_to_the_new_one(nova, alice):
    old_slug = nova.slug
    nova = persona_update(persona=nova, actor=alice, name="Nova the Navigator")

    response = Client().get(f"/content/personas/{old_slug}/")

    assert response.status_code == 301 and response["Location"] == f"/content/personas/{nova.slug}/"
