"""Each messaging request is a call to the language model: pages and API share one budget per user,
INSIGHTS_MESSAGING_THROTTLE (10 an hour by default), through the API throttle's cache keys."""

from core.api.throttling import PerUserRateThrottle, throttle_page_request


class MessagingThrottle(PerUserRateThrottle):
    scope = "insights_messaging"


def messaging_throttle(request) -> None:
    """Count one messaging request for the page's user; RateLimited once the budget is spent."""
    throttle_page_request(
        request, MessagingThrottle, refusal="You have asked for many messages lately. Try again {when}."
    )
