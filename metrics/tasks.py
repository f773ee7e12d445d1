"""The daily recalculation as Celery tasks: beat starts `standings_recalculate_daily`
(CELERY_BEAT_SCHEDULE, at METRICS_RECALCULATE_AT), which runs one task per attribute as a group, so
more workers finish sooner."""

import logging
from datetime import date

from celery import group, shared_task
from django.utils import timezone

from leveling.models import Attribute
from metrics.services import RecalculationBusy, standings_recalculate

logger = logging.getLogger(__name__)
# A million personas take seconds per attribute; the default limits are for requests' side jobs.
RECALCULATION_TIME_LIMIT = 60 * 60


@shared_task(time_limit=RECALCULATION_TIME_LIMIT, soft_time_limit=RECALCULATION_TIME_LIMIT - 60)
def standings_recalculate_attribute(attribute_id: int, day: str) -> dict:
    """One attribute's recalculation for `day` (ISO date); what it changed, or that another worker
    holds it."""
    attribute = Attribute.objects.get(pk=attribute_id)
    try:
        return standings_recalculate(attribute=attribute, day=date.fromisoformat(day)).as_dict()
    except RecalculationBusy as busy:
        logger.warning("recalculation skipped: %s", busy)
        return {"attribute": attribute.slug, "day": day, "busy": True}


@shared_task
def standings_recalculate_daily(day: str | None = None) -> None:
    """Every attribute's recalculation for `day` (today, UTC, by default), one task each."""
    day = day or timezone.now().date().isoformat()
    attribute_ids = Attribute.objects.values_list("pk", flat=True)
    tasks = (standings_recalculate_attribute.s(attribute_id, day) for attribute_id in attribute_ids)
    group(tasks).apply_async()
