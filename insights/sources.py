"""What a needs analysis is made from: the persona's prompt answers and its own replies in chats held by
its owner. Chats are their owner's alone, so only the persona owner's chats count: what the analysis
quotes is then nothing its readers could not have been shown by the owner."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery

from chat.models import Message, MessageRole
from prompts.models import Answer

# A persona has at most a few hundred answers; the analysis reads the newest ones.
MAX_SOURCES = 200


@dataclass(frozen=True)
class Source:
    kind: str  # "answer" or "chat" (insights.schema.QuoteSource)
    id: int
    topic: str  # the prompt's title, or "a chat"
    text: str
    time: datetime


def _persona_replies(persona):
    return Message.objects.filter(
        chat__persona=persona, chat__owner_id=persona.owner_id, role=MessageRole.ASSISTANT
    )


def needs_sources(*, persona) -> list[Source]:
    """The newest MAX_SOURCES answers and chat replies, oldest first (a stable order: the offline
    analyzer's result depends only on them)."""
    answers = Answer.objects.filter(persona=persona).select_related("prompt").order_by("-updated_at", "-id")
    replies = _persona_replies(persona).order_by("-created_at", "-id")
    sources = [
        Source("answer", a.pk, a.prompt.title, a.text, a.updated_at) for a in answers[:MAX_SOURCES]
    ] + [Source("chat", m.pk, "a chat", m.content, m.created_at) for m in replies[:MAX_SOURCES]]
    sources.sort(key=lambda source: (source.time, source.kind, source.id))
    return sources[-MAX_SOURCES:]


def newest_source_annotations() -> dict:
    """Annotations of a Persona queryset: when its newest answer was written or last edited, and when
    its newest reply in its owner's chats was written (subqueries, so a page reads them in its one
    query of the persona)."""
    answers = Answer.objects.filter(persona=OuterRef("pk")).order_by("-updated_at")
    replies = Message.objects.filter(
        chat__persona=OuterRef("pk"), chat__owner_id=OuterRef("owner_id"), role=MessageRole.ASSISTANT
    ).order_by("-created_at")
    return {
        "newest_answer_at": Subquery(answers.values("updated_at")[:1]),
        "newest_reply_at": Subquery(replies.values("created_at")[:1]),
    }
