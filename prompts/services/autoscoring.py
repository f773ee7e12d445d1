"""Answers of public and unlisted personas can be graded by an external chat model (prompts.scorers)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from persona.models import Visibility
from prompts.models import Answer, SkillScore
from prompts.scorers import auto_scorer
from prompts.services.scores import skill_scores_record

logger = logging.getLogger(__name__)
GRADER_USERNAME = "yayay-grader"


def auto_grader_user():
    """The account automatic scores are recorded under: a reviewer nobody can log in as."""
    user, created = get_user_model().objects.get_or_create(username=GRADER_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name="reviewers"))
    return user


def _gradable(answer: Answer) -> bool:
    return answer.persona.visibility != Visibility.PRIVATE


def answer_auto_score_enqueue(*, answer: Answer) -> None:
    """After the answer is committed, hand it to a Celery worker when automatic scoring is on."""
    if not auto_scorer_enabled() or not _gradable(answer):
        return
    from prompts.tasks import answer_auto_score as answer_auto_score_task

    transaction.on_commit(lambda: _enqueue(answer_auto_score_task, answer.pk))


def _enqueue(task, answer_id: int) -> None:
    try:
        task.delay(answer_id)
    except Exception:  # the answer is saved either way; a failed grading must not fail the request
        logger.exception("automatic scoring of answer %s failed", answer_id)


def auto_scorer_enabled() -> bool:
    return bool(settings.PROMPTS_AUTO_SCORER)


def answer_auto_score(*, answer: Answer) -> list[SkillScore]:
    """Grade the answer once; a retry after success records nothing twice."""
    scorer = auto_scorer()
    if scorer is None or not _gradable(answer):
        return []
    grader = auto_grader_user()
    if answer.scores.filter(scorer=grader).exists():
        return []
    scores = scorer.score(answer)  # the HTTP call stays outside any transaction
    return skill_scores_record(answer=answer, scorer=grader, scores=scores)
