"""Starting a chat, picking a greeting, renaming, editing and deleting."""

import pytest
from django.http import Http404

from chat.models import Chat, Message
from chat.services import (
    chat_create,
    chat_delete,
    chat_greeting_choose,
    chat_rename,
    message_edit,
    message_send,
)
from core.exceptions import ApplicationError
from persona.models import Status, Visibility
from persona.services import persona_delete
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_a_chat_opens_with_the_greeting_names_filled_in(bobs_chat):
    (greeting,) = bobs_chat.messages.all()

    assert (greeting.role, greeting.content) == ("assistant", "Hello bob, I am Sage. Shall we begin?")
    assert bobs_chat.title.startswith("Sage, ")


def test_the_user_may_pick_an_alternate_greeting_before_speaking(bobs_chat):
    chat_greeting_choose(chat=bobs_chat, index=1)

    assert [m.content for m in bobs_chat.messages.all()] == ["Back again, bob?"]
    message_send(chat=bobs_chat, content="Hi.")
    with pytest.raises(ApplicationError):
        chat_greeting_choose(chat=bobs_chat, index=2)
    with pytest.raises(ApplicationError):
        chat_greeting_choose(chat=bobs_chat, index=9)


def test_a_persona_without_greeting_opens_an_empty_chat(bob):
    chat = chat_create(user=bob, persona=PersonaFactory(greeting=""))

    assert not chat.messages.exists()


@pytest.mark.parametrize(
    "change", [{"visibility": Visibility.PRIVATE}, {"status": Status.ARCHIVED}], ids=["private", "archived"]
)
def test_nobody_chats_with_a_persona_they_may_not_use(bob, change):
    persona = PersonaFactory(**change)

    with pytest.raises(Http404):
        chat_create(user=bob, persona=persona)
    assert not Chat.objects.exists()


def test_a_deleted_persona_answers_no_more(bobs_chat, alice, sage):
    persona_delete(persona=sage, actor=alice, reason="test_data")
    bobs_chat.refresh_from_db()

    with pytest.raises(Http404):
        message_send(chat=bobs_chat, content="Still there?")
    assert not bobs_chat.messages.filter(role=Message.Role.USER).exists()


def test_rename_edit_and_delete(bobs_chat):
    chat_rename(chat=bobs_chat, title="  Evening class  ")
    greeting = bobs_chat.messages.get()
    message_edit(message=greeting, content="Hello again.")

    bobs_chat.refresh_from_db()
    greeting.refresh_from_db()
    assert (bobs_chat.title, greeting.content) == ("Evening class", "Hello again.")
    chat_delete(chat=bobs_chat)
    assert not Chat.objects.exists() and not Message.objects.exists()


def test_a_blank_message_is_refused(bobs_chat):
    with pytest.raises(ApplicationError) as refused:
        message_send(chat=bobs_chat, content="   ")

    assert refused.value.field == "content"
    assert bobs_chat.messages.count() == 1
