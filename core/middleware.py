from django.core.exceptions import SuspiciousOperation
from django.urls import Resolver404, resolve


class AppendSlashForAnyMethodMiddleware:
    """Serve `/path` as `/path/` (and `/path/` as `/path`) without a redirect, so no POST body is dropped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path != "/" and not _resolves(path):
            twin = path[:-1] if path.endswith("/") else path + "/"
            if _resolves(twin):
                request.path = request.path[: len(request.path) - len(path)] + twin
                request.path_info = twin
        return self.get_response(request)


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


class RejectNulCharactersMiddleware:
    """A NUL character in a query parameter is never meaningful, and PostgreSQL cannot even compare text
    with one: answer 400 before any view uses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise SuspiciousOperation(
                    f"The query parameter “{name.strip(chr(0))}” contains a NUL character."
                )
        return self.get_response(request)
