import logging

from celery import shared_task

from prompts.models import Answer
from prompts.scorers import ScorerRefused, ScorerUnavailable

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(ScorerUnavailable,), retry_backoff=10, retry_backoff_max=600, max_retries=5)
def answer_auto_score(answer_id: int) -> int:
    """Grade one answer with the configured scorer; returns how many skill scores were recorded."""
    from prompts.services import answer_auto_score as answer_auto_score_service

    answer = Answer.objects.select_related("persona", "prompt").filter(pk=answer_id).first()
    if answer is None:
        return 0
    try:
        return len(answer_auto_score_service(answer=answer))
    except ScorerRefused as error:
        logger.warning("automatic scoring of answer %s refused: %s", answer_id, error)
        return 0
