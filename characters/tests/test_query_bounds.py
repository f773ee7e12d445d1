"""Lists cost the same queries however many characters they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from characters.services import tag_create
from characters.tests.factories import make_character
from conftest import api_client_for

pytestmark = pytest.mark.django_db


def _queries(get) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert get().status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/characters/", "/api/v1/characters/"])
def test_lists_cost_the_same_with_three_times_more_characters(client, alice, url):
    tag = tag_create(actor=alice, name="Crowd")
    client.force_login(alice)
    api = api_client_for(alice)
    get = (lambda: api.get(url)) if url.startswith("/api/") else (lambda: client.get(url))
    for number in range(3):
        make_character(alice, name=f"Few {number}", images=1, styles=1, tags=[tag])
    _queries(get)  # warms the session and the header's cached counts
    few = _queries(get)
    for number in range(6):
        make_character(alice, name=f"Many {number}", images=1, styles=1, tags=[tag])
    assert _queries(get) == few
