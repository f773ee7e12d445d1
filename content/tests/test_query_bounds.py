"""Lists cost a fixed number of queries, whatever the number of items, likes and comments on the page:
each item's counts and the viewer's likes are read for the whole page at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import api_client_for
from content import services
from content.tests.factories import ContentItemFactory

pytestmark = pytest.mark.django_db


def publish(persona, fans, count: int) -> None:
    for _ in range(count):
        item = ContentItemFactory(persona=persona)
        for fan in fans[:2]:
            services.content_like_toggle(item=item, actor=fan)
            services.comment_create(item=item, actor=fan, text="Nice.")


def queries(client, url: str) -> int:
    client.get(url)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/content/", 8),
        ("/content/?sort=liked", 8),
        ("/content/personas/{slug}/", 11),
        ("/api/v1/content/", 7),
        # The persona's page, with its latest content, its story's highlights, its preferred mark, its card
        # facts (tags, forks, level, tier: persona.cards), its research and character panels and its tree of
        # forks (a query per level).
        ("{persona}", 25),
    ],
)
def test_lists_cost_the_same_queries_with_four_times_more_items(nova, fans, bob, url, bound):
    url = url.format(slug=nova.slug, persona=nova.get_absolute_url())
    client = api_client_for(None)
    client.force_login(bob)

    publish(nova, fans, 3)
    few = queries(client, url)
    publish(nova, fans, 9)
    many = queries(client, url)

    assert many == few <= bound
