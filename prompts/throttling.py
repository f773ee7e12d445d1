"""Each draft is a call to the language model: pages and API draw on one budget per user, set by
PROMPTS_DRAFT_THROTTLE (the API's throttling, through the same cache keys)."""

from core.api.throttling import PerUserRateThrottle, throttle_page_request


class AnswerDraftThrottle(PerUserRateThrottle):
    scope = "answer_draft"


def answer_draft_throttle(request) -> None:
    """Count one draft for the page's user; RateLimited once the budget is spent."""
    throttle_page_request(
        request,
        AnswerDraftThrottle,
        refusal="You have asked for many drafts lately. The persona can draft again {when}.",
    )
