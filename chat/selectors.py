"""Reads of chats. A chat is its owner's alone: everyone else, moderators and superusers included, gets
404. A chat answers only while its persona does: once the persona is deleted, archived or no longer
visible to the owner, the chat page, its replies and its export answer 404; the list still shows the
chat's title (the owner's own words), marked unavailable, so the owner may delete it."""

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404

from chat.models import Chat
from persona.models import Persona, Status
from persona.selectors import ChatDefinitions, persona_definitions_for_chat, persona_readable_queryset


def persona_chattable_by(*, user) -> QuerySet[Persona]:
    """Personas the user may open a chat with: those they may view, except archived ones."""
    return persona_readable_queryset(user=user).exclude(status=Status.ARCHIVED)


def chat_list_for(*, user) -> QuerySet[Chat]:
    """The user's chats, newest activity first, each with `message_count` and `is_available`."""
    if not user.is_authenticated:
        return Chat.objects.none()
    chattable = persona_chattable_by(user=user).filter(pk=OuterRef("persona_id"))
    return (
        Chat.objects.filter(owner=user)
        .select_related("persona")
        .annotate(message_count=Count("messages"), is_available=Exists(chattable))
    )


def chat_get_owned(*, user, pk) -> Chat:
    """One of the user's chats, whether its persona still answers or not (to rename or delete it)."""
    chat = chat_list_for(user=user).filter(pk=pk).first()
    if chat is None:
        raise Http404("No chat found.")
    return chat


def chat_get_for_user(*, user, pk) -> Chat:
    """One of the user's chats with a persona that still answers them; otherwise 404."""
    chat = chat_get_owned(user=user, pk=pk)
    if not chat.is_available:
        raise Http404("No chat found.")
    return chat


def chat_definitions(*, chat: Chat) -> ChatDefinitions:
    """The persona's full definitions for the chat's owner (404 once they lost access)."""
    if chat.persona.status == Status.ARCHIVED:
        raise Http404("No persona found.")
    return persona_definitions_for_chat(user=chat.owner, persona=chat.persona)
