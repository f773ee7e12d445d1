"""Celery tasks of personas: beat runs the trash purge daily (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from persona.services.trash import persona_trash_purge as persona_trash_purge_service

PURGE_TIME_LIMIT = 30 * 60


@shared_task(time_limit=PURGE_TIME_LIMIT, soft_time_limit=PURGE_TIME_LIMIT - 60)
def persona_trash_purge() -> int:
    """Delete for good the personas whose time in the trash is over; how many."""
    return persona_trash_purge_service()
