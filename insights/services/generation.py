"""Generating a persona's needs analysis: one generation per persona at a time.

`needs_generation_start` marks the persona's NeedsAnalysis row running under a row lock and enqueues
the task; while it runs (and has not gone stale: models.GENERATION_STALE_AFTER) a second start is
refused with ConflictError (409). The task calls `needs_generation_run`, which reads the sources and
runs the analyzer outside any transaction (a model may take a minute), then stores the result under
the lock. A failure stores only the error: the previous document stays.
"""

import logging
import uuid

from django.db import transaction
from django.utils import timezone

from core.exceptions import ConflictError
from insights.analyzers import AnalyzerFailed, analyzer_name, needs_analyze
from insights.models import AuditAction, NeedsAnalysis, NeedsStatus
from insights.schema import needs_document_to_storage
from insights.services.audit import audit_record
from insights.services.needs import needs_analysis_lock
from insights.sources import needs_sources
from persona import rules
from persona.services.common import lock_live_persona, require

logger = logging.getLogger("yayay.insights")
ALREADY_RUNNING = "The needs of this persona are being generated already; the page updates when it is done."


@transaction.atomic
def needs_generation_start(*, persona, actor) -> NeedsAnalysis:
    """Start generating (editors only); ConflictError while a generation of this persona runs."""
    from insights.tasks import needs_generate as needs_generate_task

    require(rules.can_edit(actor, persona), "Only the persona's editors generate its needs.")
    persona = lock_live_persona(persona)
    analysis = needs_analysis_lock(persona=persona)
    now = timezone.now()
    if analysis.is_running(now=now):
        raise ConflictError(ALREADY_RUNNING, extra={"task_id": analysis.task_id})
    analysis.status, analysis.started_at, analysis.task_id = NeedsStatus.RUNNING, now, uuid.uuid4().hex
    analysis.save(update_fields=["status", "started_at", "task_id", "updated_at"])
    audit_record(
        persona=persona, action=AuditAction.GENERATE, user=actor, details={"analyzer": analyzer_name()}
    )
    task_id = analysis.task_id
    transaction.on_commit(lambda: needs_generate_task.apply_async((persona.pk, task_id), task_id=task_id))
    return analysis


def needs_generation_run(*, persona, task_id: str) -> NeedsAnalysis | None:
    """Generate and store; None when this run is no longer the persona's current one (a stale run
    that was superseded). Never raises for an analyzer failure: it is recorded on the row."""
    sources = needs_sources(persona=persona)
    try:
        result, error = needs_analyze(persona=persona, sources=sources), ""
    except AnalyzerFailed as failure:
        result, error = None, str(failure)
    return _finish(persona=persona, task_id=task_id, result=result, error=error, sources=sources)


@transaction.atomic
def _finish(*, persona, task_id, result, error, sources) -> NeedsAnalysis | None:
    analysis = needs_analysis_lock(persona=persona)
    if analysis.task_id != task_id:
        return None
    analysis.status = NeedsStatus.READY if result else NeedsStatus.FAILED
    analysis.last_error = error[:1000]
    if result:
        analysis.document = needs_document_to_storage(result.document)
        analysis.generator, analysis.generated_at = result.generator, timezone.now()
        analysis.sources_seen_until = max((source.time for source in sources), default=None)
        analysis.full_clean()
    else:
        extra = {"event": "insights.generation_failed", "persona_id": persona.pk}
        logger.warning("needs generation failed: %s", error, extra=extra)
    analysis.save()
    return analysis


def needs_generation_abandon(*, persona, task_id: str, error: str) -> None:
    """The task itself failed (a crash, a time limit): free the lock, keep the document."""
    _finish(persona=persona, task_id=task_id, result=None, error=error, sources=[])
