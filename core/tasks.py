"""Celery tasks of shared mechanisms: beat cleans stashed uploads hourly (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from core.uploads.stash import upload_stash_clean as upload_stash_clean_service


@shared_task(time_limit=10 * 60, soft_time_limit=9 * 60)
def upload_stash_clean() -> int:
    """Delete images kept for forms (core.uploads.stash) once their tokens have expired; how many."""
    return upload_stash_clean_service()
