"""Content items: posts and images made on the site or through the API, chats imported from a
transcript, prompt answers published by themselves; and their deletion."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from chat.models import Chat
from content import rules, signals
from content.models import MAX_TITLE_LENGTH, PUBLISHED_KINDS, ChatMessage, ContentItem, ContentKind
from content.transcripts import Message
from core.uploads import make_thumbnail
from metrics.services import performance_forget
from persona.models import Persona, Status
from prompts.models import Answer


def _require_may_add(actor, persona: Persona) -> None:
    if not rules.can_add_content(actor, persona):
        raise PermissionDenied("Only those who may change the persona add its content.")
    if persona.status == Status.ARCHIVED:
        raise ValidationError({"persona": "An archived persona publishes nothing new."})


def _publish(item: ContentItem, *, actor) -> ContentItem:
    """Validate, make the thumbnail of its image, save, and tell whoever listens."""
    item.full_clean()
    if item.image:
        item.thumbnail = make_thumbnail(item.image)
    item.save()
    signals.content_created.send(sender=ContentItem, item=item, actor=actor)
    return item


@transaction.atomic
def content_create(
    *, persona: Persona, actor, kind: str, title: str, body: str = "", image=None
) -> ContentItem:
    """A post (text) or an image (with a caption) of the persona."""
    _require_may_add(actor, persona)
    if kind not in dict(PUBLISHED_KINDS):
        raise ValidationError({"kind": "Make a post or an image here; chats are imported from a transcript."})
    item = ContentItem(persona=persona, author=actor, kind=kind, title=title, body=body, image=image or "")
    return _publish(item, actor=actor)


@transaction.atomic
def content_import_transcript(
    *, persona: Persona, actor, title: str, messages: list[Message], body: str = ""
) -> ContentItem:
    """A chat of the persona from a transcript content.transcripts has read: the item and every message,
    or (on any error) nothing at all."""
    _require_may_add(actor, persona)
    if not messages:
        raise ValidationError({"messages": "The transcript has no messages."})
    item = _publish(
        ContentItem(persona=persona, author=actor, kind=ContentKind.CHAT, title=title, body=body), actor=actor
    )
    ChatMessage.objects.bulk_create(
        ChatMessage(item=item, position=position, role=m.role, text=m.text, sent_at=m.sent_at)
        for position, m in enumerate(messages)
    )
    return item


@transaction.atomic
def content_publish_chat(*, chat: Chat, actor, title: str = "") -> ContentItem:
    """One of the actor's own saved chats published as chat content of its persona, its messages in
    order. Chats are private to their owner, so only the owner publishes one, and only where they may
    add the persona's content (its owner and editors): a chat never lands on someone else's persona."""
    if chat.owner_id != actor.pk:
        raise PermissionDenied("Only the chat's owner publishes it.")
    messages = [
        Message(role=message.role, text=message.content, sent_at=message.created_at)
        for message in chat.messages.all()
    ]
    return content_import_transcript(
        persona=chat.persona, actor=actor, title=(title or chat.title)[:MAX_TITLE_LENGTH], messages=messages
    )


def content_from_answer(*, answer: Answer) -> ContentItem:
    """A submitted answer appears as its persona's content (content.handlers)."""
    item = ContentItem(
        persona=answer.persona,
        author=answer.author,
        kind=ContentKind.PROMPT_ANSWER,
        title=answer.prompt.title,
        body=answer.text,
        answer=answer,
    )
    return _publish(item, actor=answer.author)


def content_answer_sync(*, answer: Answer) -> None:
    """An answer's author edited it: its item says what the answer now says."""
    ContentItem.objects.filter(answer=answer).update(body=answer.text, updated_at=answer.updated_at)


@transaction.atomic
def content_delete(*, item: ContentItem, actor) -> None:
    """The item goes with its messages, likes, comments, views and share links; it no longer makes its
    persona popular, and its image files go once the delete is committed."""
    if not rules.can_delete(actor, item):
        raise PermissionDenied("Only those who may change the persona, and moderators, delete its content.")
    files = [file.name for file in (item.image, item.thumbnail) if file]
    item_id = item.pk
    item.delete()
    performance_forget(persona=item.persona, item_id=item_id)
    transaction.on_commit(lambda: _delete_files(files))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
