"""Where the current request came from (IP address, user agent), for audit entries written by signal
receivers, which are not handed the request. RequestMetadataMiddleware sets it for the request's
duration; outside a request (tasks, commands, tests calling services) there is none."""

from contextvars import ContextVar
from dataclasses import dataclass

from core.http import client_ip

MAX_USER_AGENT_LENGTH = 500


@dataclass(frozen=True)
class RequestMetadata:
    ip_address: str | None
    user_agent: str


_current: ContextVar[RequestMetadata | None] = ContextVar("insights_request_metadata", default=None)


def request_metadata_from(request) -> RequestMetadata:
    return RequestMetadata(
        ip_address=client_ip(request) or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:MAX_USER_AGENT_LENGTH],
    )


def current_request_metadata() -> RequestMetadata | None:
    return _current.get()


class RequestMetadataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request_metadata_from(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
