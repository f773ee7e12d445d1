"""Reads of the insights app. Privacy: each takes the persona from persona.selectors (which 404s for
those who may not see it) or checks insights.rules and answers 404 alike."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from insights import rules
from insights.models import AuditEntry, NeedsAnalysis, NeedsStatus, ResearchProfile
from insights.schema import NeedsDocument, QuoteSource
from insights.sources import newest_source_annotations
from persona.models import Persona

AUDIT_TIMELINE_LENGTH = 20


def research_profile_for(*, persona) -> ResearchProfile | None:
    return ResearchProfile.objects.filter(persona=persona).first()


PROFILE_VERSIONS_SHOWN = 10


@dataclass(frozen=True)
class ProfileVersion:
    when: datetime
    who: str
    reason: str
    changed: list[str]  # field labels changed from the version before


def research_profile_versions(*, profile: ResearchProfile | None) -> list[ProfileVersion]:
    """The profile's newest versions, each with the fields it changed (the profile's history)."""
    if profile is None:
        return []
    records = list(profile.history.select_related("history_user").order_by("-history_date", "-history_id"))
    records = records[: PROFILE_VERSIONS_SHOWN + 1]
    versions = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        changes = record.diff_against(older).changed_fields if older is not None else []
        labels = [str(ResearchProfile._meta.get_field(name).verbose_name) for name in changes]
        who = record.history_user.username if record.history_user else "someone"
        versions.append(ProfileVersion(record.history_date, who, record.history_change_reason or "", labels))
    return versions[:PROFILE_VERSIONS_SHOWN]


@dataclass(frozen=True)
class NeedsState:
    """What a page or API shows of a persona's needs."""

    analysis: NeedsAnalysis | None
    owner_id: int
    running: bool
    out_of_date: bool  # answers or chat replies newer than the analysis exist (or none was made yet)
    newest_source: datetime | None

    @property
    def document(self) -> NeedsDocument:
        return (
            self.analysis.needs.ranked() if self.analysis and self.analysis.has_document else NeedsDocument()
        )

    def document_for(self, viewer) -> NeedsDocument:
        """The document as `viewer` may read it: quotes of chat replies come from the owner's own chats
        (insights.sources), so only the owner reads them."""
        document = self.document
        if self.analysis is None or (viewer.is_authenticated and viewer.pk == self.owner_id):
            return document
        for item in [*document.jobs_to_be_done, *document.pain_points]:
            item.quotes = [quote for quote in item.quotes if quote.source != QuoteSource.CHAT]
        return document

    @property
    def status(self) -> str:
        return "running" if self.running else (self.analysis.status if self.analysis else NeedsStatus.EMPTY)

    @property
    def last_error(self) -> str:
        return (
            self.analysis.last_error if self.analysis and self.analysis.status == NeedsStatus.FAILED else ""
        )


def _research_row(persona) -> Persona:
    """The persona's owner, its profile, its analysis and its newest sources' times, in one query (the
    persona's own columns are not read again)."""
    return (
        Persona.all_objects.filter(pk=persona.pk)
        .select_related("research_profile", "needs_analysis")
        .only("owner_id", "research_profile", "needs_analysis")
        .order_by()
        .annotate(**newest_source_annotations())
        .get()
    )


def _related_or_none(row, name: str):
    try:
        return getattr(row, name)
    except (ResearchProfile.DoesNotExist, NeedsAnalysis.DoesNotExist):
        return None


def _needs_state(row) -> NeedsState:
    analysis = _related_or_none(row, "needs_analysis")
    times = [t for t in (row.newest_answer_at, row.newest_reply_at) if t is not None]
    newest = max(times, default=None)
    seen = analysis.sources_seen_until if analysis and analysis.has_document else None
    if analysis and analysis.has_document and analysis.generator == "manual" and seen is None:
        seen = analysis.generated_at  # typed by hand: out of date only once answers come after it
    return NeedsState(
        analysis=analysis,
        owner_id=row.owner_id,
        running=analysis is not None and analysis.is_running(now=timezone.now()),
        out_of_date=newest is not None and (seen is None or newest > seen),
        newest_source=newest,
    )


def needs_state_for(*, persona) -> NeedsState:
    return _needs_state(_research_row(persona))


def research_summary_for(*, persona) -> tuple[ResearchProfile | None, NeedsState]:
    """The profile and the needs' state, in one query (the persona page's research section)."""
    row = _research_row(persona)
    return _related_or_none(row, "research_profile"), _needs_state(row)


def audit_entries_for(*, user, persona) -> QuerySet[AuditEntry]:
    """The persona's audit log, newest first, for its owner and moderators; 404 for anyone else."""
    if not rules.can_view_audit_log(user, persona):
        raise Http404("No persona found.")
    return AuditEntry.objects.filter(persona=persona).select_related("user").order_by("-created_at", "-id")


def audit_timeline_for(*, user, persona) -> list[AuditEntry]:
    """The last AUDIT_TIMELINE_LENGTH entries for a page that anyone who may see the persona opens (the
    details page): empty for those who may not read the audit log."""
    if not rules.can_view_audit_log(user, persona):
        return []
    return list(audit_entries_for(user=user, persona=persona)[:AUDIT_TIMELINE_LENGTH])
