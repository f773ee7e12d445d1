"""Rate limits that stop floods of reactions (likes, comments, share links: per user and per client IP)
and of counted views (per client IP, since anonymous viewers are told apart by sessions anyone can drop),
on pages and in the API alike. They are the API's throttles (core.api.throttling: callers known by
core.http.client_ip), with their rates from settings."""

from django.conf import settings
from rest_framework.exceptions import Throttled
from rest_framework.permissions import SAFE_METHODS

from core.api.throttling import PerIpRateThrottle, PerUserRateThrottle


class _RateFromSetting:
    rate_setting: str

    def get_rate(self):
        return getattr(settings, self.rate_setting)


class ReactionUserThrottle(_RateFromSetting, PerUserRateThrottle):
    scope = "content_reactions_user"
    rate_setting = "CONTENT_REACTIONS_RATE_USER"


class ReactionIpThrottle(_RateFromSetting, PerIpRateThrottle):
    scope = "content_reactions_ip"
    rate_setting = "CONTENT_REACTIONS_RATE_IP"


class ViewIpThrottle(_RateFromSetting, PerIpRateThrottle):
    scope = "content_views_ip"
    rate_setting = "CONTENT_VIEWS_RATE_IP"


REACTION_THROTTLES = [ReactionUserThrottle, ReactionIpThrottle]


class ReactionsThrottled(Throttled):
    default_detail = "Too many likes, comments and shares in a short time."
    extra_detail_singular = "Try again in {wait} second."
    extra_detail_plural = "Try again in {wait} seconds."


class ReactionThrottleMixin:
    """For API views that react: on writes, the reaction limits on top of the API's own, with a
    message that says which limit it is."""

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.request.method in SAFE_METHODS:
            return throttles
        return [*throttles, *(throttle() for throttle in REACTION_THROTTLES)]

    def throttled(self, request, wait):
        raise ReactionsThrottled(wait)
