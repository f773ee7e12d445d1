from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle


class PerUserRateThrottle(UserRateThrottle):
    """Authenticated callers are limited per user (anonymous ones fall back to their IP)."""

    scope = "user"


class PerIpRateThrottle(SimpleRateThrottle):
    """Every caller, signed in or not, is also limited per client IP."""

    scope = "ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
