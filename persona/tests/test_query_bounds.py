"""Lists and details cost a fixed number of queries, whatever the number of personas, forks, shares and
versions around them (the scale benchmark times them at a million personas)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import api_client_for
from persona.models import ShareRole, Visibility
from persona.services import persona_share, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def grow_the_world(alice, bob, persona, rounds: int) -> None:
    """More of everything a page might touch: others' personas, forks, shares, history versions."""
    for number in range(rounds):
        PersonaFactory(owner=bob)
        PersonaFactory(owner=bob, forked_from=persona, visibility=Visibility.PUBLIC)
        shared = PersonaFactory(owner=bob, visibility=Visibility.PRIVATE)
        persona_share(persona=shared, actor=bob, username=alice.username, role=ShareRole.EDIT)
        persona_update(persona=persona, actor=alice, description=f"Version {number}.")


BOUNDS = {"api_detail": 5, "html_detail": 17, "api_list": 5, "html_list": 7}


def queries(client, url: str) -> int:
    client.get(url)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["owner", "anonymous"])
@pytest.mark.parametrize("page", ["api_detail", "html_detail", "api_list", "html_list"])
def test_pages_cost_the_same_queries_with_ten_times_more_around_them(alice, bob, who, page):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PUBLIC, prompts=[{"title": "t", "text": "x"}])
    url = {
        "api_detail": f"/api/v1/personas/{persona.pk}/",
        "html_detail": persona.get_absolute_url(),
        "api_list": "/api/v1/personas/",
        "html_list": "/personas/",
    }[page]
    client = api_client_for(alice) if who == "owner" else Client()
    if who == "owner" and page.startswith("html"):
        client = Client()
        client.force_login(alice)

    grow_the_world(alice, bob, persona, 1)
    few = queries(client, url)
    grow_the_world(alice, bob, persona, 10)
    many = queries(client, url)

    # The persona page: the persona, the user, its card facts (tags, level, tier), its lineage (a query
    # per level of the fork tree, depth-limited; the first level counts the forks), its timeline (which
    # also says whether a parent is gone), its preferred mark and its panels (standings 3, content,
    # story, research, the character it is based on, prompts). Lists: the page and a query per kind of
    # card fact, or the API's forks and tags.
    assert many == few <= BOUNDS[page]
