"""The chat pages: my chats, starting a chat, the chat without JavaScript, and who may see them."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from chat.models import Chat
from chat.services import chat_create, message_send
from chat.tests.conftest import client_for
from chat.throttling import ChatReplyThrottle
from core.testing.chat_api import completion
from core.testing.http_server import Reply
from persona.models import Status, Visibility
from persona.services import persona_delete

pytestmark = pytest.mark.django_db


def test_the_persona_page_links_to_chat_and_the_navigation_to_my_chats(bob, sage):
    page = client_for(bob).get(sage.get_absolute_url()).content.decode()

    assert f'href="/chats/with/{sage.slug}/"' in page and f"Chat with {sage.name}" in page
    assert 'href="/chats/"' in page and "My chats" in page


def test_starting_a_chat_opens_it_with_the_greeting(bob, sage):
    response = client_for(bob).post(f"/chats/with/{sage.slug}/", follow=True)

    chat = Chat.objects.get(owner=bob)
    assert response.redirect_chain[-1][0] == f"/chats/{chat.pk}/"
    page = response.content.decode()
    assert "Hello bob, I am Sage." in page
    assert "Back again, bob?" in page  # the alternate greetings to pick from
    assert "An evening class" not in page and "Speak plainly" not in page  # hidden definitions


def test_without_a_model_the_chat_page_says_how_to_configure_one(bob, bobs_chat):
    page = client_for(bob).get(f"/chats/{bobs_chat.pk}/").content.decode()

    assert "LLM_BASE_URL" in page and ">Send<" not in page


def test_without_javascript_sending_waits_for_the_whole_reply(llm_server, bob, bobs_chat):
    llm_server.body = completion("A whole reply.")

    response = client_for(bob).post(f"/chats/{bobs_chat.pk}/send/", {"content": "Hi."}, follow=True)

    assert "A whole reply." in response.content.decode()
    assert [m.content for m in bobs_chat.messages.all()][1:] == ["Hi.", "A whole reply."]


def test_a_failed_reply_says_why_keeps_the_message_and_offers_a_retry(llm_server, bob, bobs_chat):
    llm_server.replies = [Reply(status=429, headers={"Retry-After": "60"})]

    response = client_for(bob).post(f"/chats/{bobs_chat.pk}/send/", {"content": "Hi."}, follow=True)

    page = response.content.decode()
    assert "too many requests" in page and "Your message is saved" in page
    assert "Retry the reply" in page and "Hi." in page


def test_sending_is_rate_limited_and_the_text_stays_in_the_form(llm_server, monkeypatch, bob, bobs_chat):
    monkeypatch.setattr(ChatReplyThrottle, "THROTTLE_RATES", {"chat_reply": "1/hour"})
    llm_server.body = completion("Hello.")
    client = client_for(bob)
    client.post(f"/chats/{bobs_chat.pk}/send/", {"content": "One"})

    refused = client.post(f"/chats/{bobs_chat.pk}/send/", {"content": "Two and more"})

    assert refused.status_code == 429 and "Two and more" in refused.content.decode()
    assert not bobs_chat.messages.filter(content="Two and more").exists()


def test_my_chats_takes_the_same_queries_however_many_chats(bob, sage):
    client, counts = client_for(bob), []
    client.get("/chats/")  # the header's unread count is cached from the first page on
    for total in (1, 5):
        while Chat.objects.filter(owner=bob).count() < total:
            chat_create(user=bob, persona=sage)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/chats/").status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_my_chats_lists_only_my_chats(bob, charlie, bobs_chat, sage):
    chat_create(user=charlie, persona=sage, title="Charlie's own")

    page = client_for(bob).get("/chats/").content.decode()

    assert bobs_chat.title in page and "Charlie's own" not in page


@pytest.mark.parametrize("who", ["charlie", "maude"])
def test_others_and_moderators_get_404_everywhere(request, who, bobs_chat):
    client, pk = client_for(request.getfixturevalue(who)), bobs_chat.pk
    message = bobs_chat.messages.get()

    for url in (f"/chats/{pk}/", f"/chats/{pk}/export/jsonl/", f"/chats/{pk}/export/json/"):
        assert client.get(url).status_code == 404, url
    for url in ("send", "regenerate", "rename", "delete", "greeting", f"messages/{message.pk}/edit"):
        assert client.post(f"/chats/{pk}/{url}/", {"content": "x", "title": "x"}).status_code == 404, url
    assert Chat.objects.filter(pk=pk, title=bobs_chat.title).exists()


def test_anonymous_visitors_are_sent_to_log_in(bobs_chat):
    assert Client().get(f"/chats/{bobs_chat.pk}/").status_code == 302


@pytest.mark.parametrize(
    "change",
    [{"visibility": Visibility.PRIVATE}, {"status": Status.ARCHIVED}, "deleted"],
    ids=["made-private", "archived", "deleted"],
)
def test_a_persona_that_stops_answering_closes_the_chat_but_the_list_keeps_its_title(
    alice, bob, sage, bobs_chat, change
):
    if change == "deleted":
        persona_delete(persona=sage, actor=alice, reason="test_data")
    else:
        type(sage).objects.filter(pk=sage.pk).update(**change)
    client = client_for(bob)

    assert client.get(f"/chats/{bobs_chat.pk}/").status_code == 404
    assert client.post(f"/chats/{bobs_chat.pk}/send/", {"content": "Hi"}).status_code == 404
    listed = client.get("/chats/").content.decode()
    assert bobs_chat.title in listed and "no longer answers you" in listed
    assert client.post(f"/chats/{bobs_chat.pk}/delete/").status_code == 302
    assert not Chat.objects.exists()


def test_message_send_refuses_blank_text(bob, bobs_chat):
    response = client_for(bob).post(f"/chats/{bobs_chat.pk}/send/", {"content": " "})

    assert response.status_code == 400


def test_edit_rename_and_pick_a_greeting(bob, bobs_chat):
    client = client_for(bob)
    client.post(f"/chats/{bobs_chat.pk}/greeting/", {"greeting": "2"})
    greeting = bobs_chat.messages.get()
    client.post(f"/chats/{bobs_chat.pk}/messages/{greeting.pk}/edit/", {"content": "Edited hello."})
    client.post(f"/chats/{bobs_chat.pk}/rename/", {"title": "Renamed"})

    greeting.refresh_from_db()
    bobs_chat.refresh_from_db()
    assert (greeting.content, bobs_chat.title) == ("Edited hello.", "Renamed")
    message_send(chat=bobs_chat, content="Now I spoke.")
    assert "Use this greeting" not in client.get(f"/chats/{bobs_chat.pk}/").content.decode()
