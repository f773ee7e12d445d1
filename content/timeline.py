"""A persona's story: its content, its forks, its tier changes, its achievements and its edits (from
simple-history) on one timeline, newest first, a page at a time, with its major achievements above.

One query per source whatever the timeline's length: each source reads at most a page (plus one, to know
there is more) beyond the cursor, the pages merge in memory, and the cursor is the last entry shown. The
order is (time, source, id), descending, so entries at the same instant keep their place across pages.
Whoever may not see the persona never gets here (the page 404s first); forks the visitor may not list
are left out."""

import base64
import binascii
import heapq
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet

from content.selectors import content_list_visible_to
from leveling.models import PersonaAchievement
from metrics.models import TierEvent
from persona.models import Persona
from persona.selectors import persona_forks_visible_to

PAGE_SIZE = 20
MAJOR_ACHIEVEMENT_POINTS = 30  # graduating an attribute and up
MAX_HIGHLIGHTS = 6
# What an edit says changed: the fields the persona's page shows; definitions only as one word, since
# their text may be hidden from visitors.
SHOWN_FIELDS = {"name": "name", "description": "description", "image": "picture", "ai_link": "AI link"}
SHOWN_FIELDS |= {"visibility": "visibility", "status": "status"}
DEFINITION_FIELDS = ("greeting", "alternate_greetings", "system_prompt", "scenario", "example_dialogue")
DEFINITION_FIELDS += ("personality_traits", "capabilities")


@dataclass(frozen=True, order=True)
class StoryEntry:
    at: datetime
    rank: int  # the source's place in SOURCES, which breaks ties of time
    pk: int
    kind: str = field(compare=False)
    subject: object = field(compare=False)  # an item, a fork, a TierEvent, a PersonaAchievement, a version
    changed: tuple[str, ...] = field(compare=False, default=())  # an edit's changed fields, in words


@dataclass
class StoryPage:
    entries: list[StoryEntry]
    next_cursor: str | None


def _content(user, persona) -> QuerySet:
    return content_list_visible_to(user=user, persona=persona)


def _forks(user, persona) -> QuerySet:
    return persona_forks_visible_to(user=user, persona=persona)


def _tiers(user, persona) -> QuerySet:
    return TierEvent.objects.filter(persona=persona).select_related("attribute")


def _achievements(user, persona) -> QuerySet:
    return PersonaAchievement.objects.filter(persona=persona).select_related("achievement")


def _versions(user, persona) -> QuerySet:
    return persona.history.filter(history_type__in=["+", "~"])


# (kind, rows, their time field, their id field); the order ranks sources at the same instant.
SOURCES = (
    ("content", _content, "created_at", "id"),
    ("fork", _forks, "created_at", "id"),
    ("tier", _tiers, "created_at", "id"),
    ("achievement", _achievements, "awarded_at", "id"),
    ("edit", _versions, "history_date", "history_id"),
)


def persona_story(*, user, persona: Persona, cursor: str | None = None, size: int = PAGE_SIZE) -> StoryPage:
    """A page of the story, after `cursor` (a malformed cursor starts from the newest)."""
    position = _decode(cursor)
    streams = [_read(rank, source, user, persona, position, size) for rank, source in enumerate(SOURCES)]
    merged = list(heapq.merge(*streams, reverse=True))
    entries = merged[:size]
    more = len(merged) > size
    return StoryPage(entries=entries, next_cursor=_encode(entries[-1]) if more else None)


def persona_story_highlights(*, persona: Persona) -> list[PersonaAchievement]:
    """The major achievements, greatest first: they head the story, whichever page is shown."""
    major = PersonaAchievement.objects.filter(
        persona=persona, achievement__points__gte=MAJOR_ACHIEVEMENT_POINTS
    )
    return list(
        major.select_related("achievement").order_by("-achievement__points", "-awarded_at")[:MAX_HIGHLIGHTS]
    )


def _read(rank, source, user, persona, position, size) -> list[StoryEntry]:
    kind, rows_of, at_field, pk_field = source
    rows = rows_of(user, persona).order_by(f"-{at_field}", f"-{pk_field}")
    if position is not None:
        rows = rows.filter(_beyond(rank, at_field, pk_field, position))
    # An edit is told against the version before it, the next row: read one more than the rest do.
    rows = list(rows[: size + (2 if kind == "edit" else 1)])
    entries = []
    for index, row in enumerate(rows[: size + 1]):
        older = rows[index + 1] if index + 1 < len(rows) else None
        changed = _changes(row, older) if kind == "edit" else ()
        entries.append(StoryEntry(getattr(row, at_field), rank, getattr(row, pk_field), kind, row, changed))
    return entries


def _beyond(rank: int, at_field: str, pk_field: str, position: tuple[datetime, int, int]) -> Q:
    """The rows of this source that come after the cursor in (time, source, id) descending order."""
    at, cursor_rank, pk = position
    if rank < cursor_rank:
        return Q(**{f"{at_field}__lte": at})
    if rank > cursor_rank:
        return Q(**{f"{at_field}__lt": at})
    return Q(**{f"{at_field}__lt": at}) | Q(**{at_field: at, f"{pk_field}__lt": pk})


def _changes(version, older) -> tuple[str, ...]:
    """What the edit changed, in words; a version with nothing before it is the persona's creation."""
    if older is None or version.history_type == "+":
        return ()
    words = [word for name, word in SHOWN_FIELDS.items() if getattr(version, name) != getattr(older, name)]
    if any(getattr(version, name) != getattr(older, name) for name in DEFINITION_FIELDS):
        words.append("definitions")
    return tuple(words)


def _encode(entry: StoryEntry) -> str:
    raw = f"{entry.at.isoformat()}|{entry.rank}|{entry.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _decode(cursor: str | None) -> tuple[datetime, int, int] | None:
    if not cursor:
        return None
    try:
        at, rank, pk = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(at), int(rank), int(pk)
    except (binascii.Error, UnicodeError, ValueError):
        return None
