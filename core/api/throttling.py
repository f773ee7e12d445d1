from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

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
