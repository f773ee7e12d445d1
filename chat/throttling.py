"""Each reply is a call to the language model: pages and API draw on one budget per user, set by
CHAT_REPLY_THROTTLE (the API's throttling, through the same cache keys)."""

import math

from core.api.throttling import PerUserRateThrottle
from core.exceptions import ApplicationError


class ChatReplyThrottle(PerUserRateThrottle):
    scope = "chat_reply"


class ChatRateLimited(ApplicationError):
    status = 429


def chat_reply_throttle(request) -> None:
    """Count one reply for the page's user; ChatRateLimited once the budget is spent."""
    throttle = ChatReplyThrottle()
    if not throttle.allow_request(request, None):
        seconds = throttle.wait()
        when = "in a minute" if not seconds or seconds < 60 else f"in {math.ceil(seconds / 60)} minutes"
        raise ChatRateLimited(f"You have sent many messages lately. The persona can reply again {when}.")
