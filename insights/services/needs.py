"""Needs analyses: saving a document by hand, and (insights.services.generation) generating one."""

from django.db import transaction
from django.utils import timezone

from insights.models import AuditAction, NeedsAnalysis, NeedsStatus
from insights.schema import needs_document_parse, needs_document_to_storage
from insights.services.audit import audit_record
from persona import rules
from persona.services.common import lock_live_persona, require

MANUAL_GENERATOR = "manual"


def needs_analysis_lock(*, persona) -> NeedsAnalysis:
    """The persona's analysis row (created empty the first time), locked for this transaction."""
    NeedsAnalysis.objects.get_or_create(persona=persona)
    return NeedsAnalysis.objects.select_for_update().get(persona=persona)


@transaction.atomic
def needs_analysis_edit(*, persona, actor, document) -> NeedsAnalysis:
    """Replace the needs document by hand (editors only). `document` is checked against
    insights.schema.NeedsDocument; a ValidationError on "document" names each bad place. Computed
    scores in it are ignored."""
    require(rules.can_edit(actor, persona), "Only the persona's editors change its needs.")
    persona = lock_live_persona(persona)
    parsed = needs_document_parse(document)
    analysis = needs_analysis_lock(persona=persona)
    analysis.document = needs_document_to_storage(parsed)
    analysis.generator, analysis.generated_at = MANUAL_GENERATOR, timezone.now()
    if analysis.status != NeedsStatus.RUNNING:
        analysis.status = NeedsStatus.READY
    analysis.full_clean()
    analysis.save()
    details = {"section": "needs", "generator": MANUAL_GENERATOR}
    audit_record(persona=persona, action=AuditAction.UPDATE, user=actor, details=details)
    return analysis
