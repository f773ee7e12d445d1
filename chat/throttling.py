"""Each reply is a call to the language model: pages and API draw on one budget per user, set by
CHAT_REPLY_THROTTLE (the API's throttling, through the same cache keys)."""

from core.api.throttling import PerUserRateThrottle, throttle_page_request


class ChatReplyThrottle(PerUserRateThrottle):
    scope = "chat_reply"


def chat_reply_throttle(request) -> None:
    """Count one reply for the page's user; RateLimited once the budget is spent."""
    throttle_page_request(
        request,
        ChatReplyThrottle,
        refusal="You have sent many messages lately. The persona can reply again {when}.",
    )
