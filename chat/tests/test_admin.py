"""The admin shows chats' metadata only: never what was said, nor the title the user gave."""

import pytest

from chat.services import message_send
from chat.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_admin_shows_metadata_and_no_text(superuser, bobs_chat):
    message_send(chat=bobs_chat, content="My secret plan")
    client = client_for(superuser)

    listing = client.get("/admin/chat/chat/").content.decode()
    detail = client.get(f"/admin/chat/chat/{bobs_chat.pk}/change/").content.decode()

    for page in (listing, detail):
        assert "bob" in page and "Sage" in page
        assert "My secret plan" not in page and "Hello bob, I am Sage" not in page
        assert bobs_chat.title not in page
    assert client.get("/admin/chat/message/").status_code == 404  # messages have no admin at all
