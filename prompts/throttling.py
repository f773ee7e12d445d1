"""Each draft is a call to the language model: pages and API draw on one budget per user, set by
PROMPTS_DRAFT_THROTTLE (the API's throttling, through the same cache keys)."""

import math

from core.api.throttling import PerUserRateThrottle
from core.exceptions import ApplicationError


class AnswerDraftThrottle(PerUserRateThrottle):
    scope = "answer_draft"


class DraftRateLimited(ApplicationError):
    status = 429


def answer_draft_throttle(request) -> None:
    """Count one draft for the page's user; DraftRateLimited once the budget is spent."""
    throttle = AnswerDraftThrottle()
    if not throttle.allow_request(request, None):
        when = _in_words(throttle.wait())
        raise DraftRateLimited(f"You have asked for many drafts lately. The persona can draft again {when}.")


def _in_words(seconds: float | None) -> str:
    if not seconds or seconds < 60:
        return "in a minute"
    return f"in {math.ceil(seconds / 60)} minutes"
