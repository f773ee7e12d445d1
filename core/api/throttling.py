import math

from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from core.exceptions import ApplicationError
from core.http import client_ip


class ClientIpIdentMixin:
    """Identify anonymous callers by `core.http.client_ip` (DRF's own `get_ident` believes any
    X-Forwarded-For header unless NUM_PROXIES is set, so rotating the header escaped the limits)."""

    def get_ident(self, request):
        return client_ip(request)


class PerUserRateThrottle(ClientIpIdentMixin, UserRateThrottle):
    """Authenticated callers are limited per user (anonymous ones fall back to their IP)."""

    scope = "user"


class PerIpRateThrottle(ClientIpIdentMixin, SimpleRateThrottle):
    """Every caller, signed in or not, is also limited per client IP."""

    scope = "ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class RateLimited(ApplicationError):
    status = 429


def throttled_for(request, throttles) -> float | None:
    """For pages that draw on an API budget (the same cache keys, so pages and API share it): None
    when the request is within every limit (and counts against each), else the seconds to wait."""
    waits = []
    for throttle_class in throttles:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    return max(waits) if waits else None


def throttle_page_request(request, throttle_class, *, refusal: str) -> None:
    """Count one use for the page's user; RateLimited once the budget is spent, with `refusal` told
    when it may come back (its `{when}`: "in a minute", "in 5 minutes")."""
    wait = throttled_for(request, [throttle_class])
    if wait is not None:
        when = "in a minute" if wait < 60 else f"in {math.ceil(wait / 60)} minutes"
        raise RateLimited(refusal.format(when=when))
