"""Small things a visitor notices: a favicon, a way back from the API docs, no emoji in pages."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def test_pages_name_a_favicon(client):
    page = client.get("/personas/").content.decode()

    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', page)


def test_the_api_docs_link_back_to_the_site(client):
    page = client.get("/api/docs/").content.decode()

    assert "Back to Yayay" in page and 'id="swagger-ui"' in page


def test_the_header_has_no_emoji(alice):
    client = Client()
    client.force_login(alice)

    assert not EMOJI.search(client.get("/personas/").content.decode())
