"""A persona's details as researchers read them (page, API, compare and export): identity, research
profile, needs and pains, source context, and the audit timeline.

Assembling them reads three rows (persona, research profile, needs analysis); the result is cached for
INSIGHTS_DETAILS_CACHE_SECONDS under a key holding each row's `updated_at`, so an edit of any of them
is read at once while an unchanged persona is served from the cache. The audit timeline is never
cached: it changes with every view, and only owners and moderators see it. Every read is audited,
from the cache or not.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from insights.models import AuditAction
from insights.schema import QuoteSource
from insights.sections import DEMOGRAPHIC_FIELDS
from insights.selectors import audit_timeline_for, needs_state_for
from insights.services.audit import audit_record
from persona.models import Status
from persona.selectors import persona_readable_queryset

HEADLINE_LENGTH = 200
NO_STORY = {"background_story": ""}
NULLABLE_PROFILE_FIELDS = (
    *DEMOGRAPHIC_FIELDS,
    "big_five",
    "hofstede",
    "segment_id",
    "segment_name",
    "rag_context_details",
)


def _related(persona, name):
    try:
        return getattr(persona, name)
    except ObjectDoesNotExist:
        return None


def _stamp(row) -> str:
    return row.updated_at.isoformat() if row is not None else "none"


def details_cache_key(persona) -> str:
    profile, analysis = _related(persona, "research_profile"), _related(persona, "needs_analysis")
    return f"insights:details:{persona.pk}:{_stamp(persona)}:{_stamp(profile)}:{_stamp(analysis)}"


def _headline(description: str) -> str:
    """The description's first line, cut at a word near HEADLINE_LENGTH characters."""
    first = description.strip().split("\n", 1)[0].strip()
    if len(first) <= HEADLINE_LENGTH:
        return first
    return first[:HEADLINE_LENGTH].rsplit(" ", 1)[0] + "…"


def _profile_fields(profile) -> dict:
    if profile is None:
        return {
            **dict.fromkeys(NULLABLE_PROFILE_FIELDS),
            "values": [],
            "interests": [],
            "background_story": "",
        }
    return {
        "age": profile.age,
        "gender": profile.gender or None,
        "location": profile.location or None,
        "education_level": profile.education_level or None,
        "income_bracket": profile.income_bracket or None,
        "occupation": profile.occupation or None,
        "big_five": profile.big_five,
        "hofstede": profile.hofstede,
        "values": list(profile.values),
        "interests": list(profile.interests),
        "background_story": profile.background_story,
        "segment_id": profile.segment_id or None,
        "segment_name": profile.segment_name or None,
        "rag_context_details": profile.context or None,
    }


def _needs(analysis) -> dict | None:
    """The ranked needs with their computed scores, or None when there are none to show."""
    if analysis is None or not analysis.has_document:
        return None
    return {
        **analysis.needs.ranked().model_dump(mode="json"),
        "generator": analysis.generator,
        "generated_at": analysis.generated_at.isoformat() if analysis.generated_at else None,
    }


def needs_status_of(persona) -> dict:
    """Whether the needs exist, are being made, failed last time or are out of date (newer answers):
    read fresh on every request, since new answers change it without touching the cached rows."""
    state = needs_state_for(persona=persona)
    return {"status": state.status, "last_error": state.last_error, "out_of_date": state.out_of_date}


def details_assemble(persona) -> dict:
    """The details of a persona, JSON-ready, the same for every viewer (no audit log)."""
    profile = _related(persona, "research_profile")
    analysis = _related(persona, "needs_analysis")
    fields = _profile_fields(profile)
    return {
        "id": persona.pk,
        "slug": persona.slug,
        "full_name": persona.name,
        # What the persona is, in a few words: its occupation, else the segment it stands for.
        "persona_title": fields["occupation"] or fields["segment_name"] or "",
        "headline": _headline(persona.description),
        **fields,
        "needs_and_pains": _needs(analysis),
        "created_at": persona.created_at.isoformat(),
        "updated_at": max(_stamp(row) for row in (persona, profile, analysis) if row is not None),
        "is_active": persona.status == Status.ACTIVE and not persona.is_deleted,
    }


def details_cached(persona) -> tuple[dict, bool]:
    """The details and whether they came from the cache."""
    key = details_cache_key(persona)
    details = cache.get(key)
    if details is not None:
        return details, True
    details = details_assemble(persona)
    cache.set(key, details, timeout=settings.INSIGHTS_DETAILS_CACHE_SECONDS)
    return details, False


def _without_chat_quotes(needs: dict) -> dict:
    def kept(item: dict) -> dict:
        return {**item, "quotes": [quote for quote in item["quotes"] if quote["source"] != QuoteSource.CHAT]}

    lists = ("jobs_to_be_done", "pain_points")
    return {**needs, **{name: [kept(item) for item in needs[name]] for name in lists}}


def details_read(*, user, persona) -> tuple[dict, bool]:
    """The details as `user` may read them, and whether they came from the cache. Quotes of chat
    replies come from the owner's own chats (insights.sources): only the owner reads them (as
    insights.selectors.NeedsState.document_for), so they are dropped here for everyone else."""
    details, from_cache = details_cached(persona)
    if details["needs_and_pains"] is None or persona.is_owned_by(user):
        return details, from_cache
    return {**details, "needs_and_pains": _without_chat_quotes(details["needs_and_pains"])}, from_cache


def audit_log_for(*, user, persona) -> list[dict]:
    """The last 20 entries, newest first, for owners and moderators; nobody else sees the timeline."""
    return [
        {
            "action": entry.action,
            "label": entry.get_action_display(),
            "user": entry.user.username if entry.user else None,
            "at": entry.created_at.isoformat(),
            "details": entry.details,
        }
        for entry in audit_timeline_for(user=user, persona=persona)
    ]


def persona_for_details(*, user, pk=None, slug=None):
    """The persona with its research rows (one query), if `user` may see it; else 404 like a missing one."""
    queryset = persona_readable_queryset(user=user).select_related("research_profile", "needs_analysis")
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    persona = queryset.filter(**lookup).first()
    if persona is None:
        raise Http404("No persona found.")
    return persona


def persona_details_for(*, user, persona, via: str, request=None) -> dict:
    """The details `user` reads (who may see the persona: the caller checked), audited as a view."""
    details, from_cache = details_read(user=user, persona=persona)
    view = {"via": via, "cached": from_cache}
    audit_record(persona=persona, action=AuditAction.VIEW, user=user, request=request, details=view)
    audit_log = audit_log_for(user=user, persona=persona)
    return {**details, "needs_status": needs_status_of(persona), "audit_log": audit_log}
