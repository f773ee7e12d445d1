"""What a needs analysis is made from: the persona's prompt answers and its own replies in chats held by
its owner. Chats are their owner's alone, so only the persona owner's chats count: what the analysis
quotes is then nothing its readers could not have been shown by the owner."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max

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


def needs_sources_newest(*, persona) -> datetime | None:
    """When the newest answer or chat reply was written (or an answer last edited)."""
    newest_answer = Answer.objects.filter(persona=persona).aggregate(t=Max("updated_at"))["t"]
    newest_reply = _persona_replies(persona).aggregate(t=Max("created_at"))["t"]
    return max((t for t in (newest_answer, newest_reply) if t is not None), default=None)
