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
    """A NUL character in the URL path, a query parameter or a form field is never meaningful, and
    PostgreSQL cannot even compare text with one: answer 400 before any view uses it. (JSON bodies are
    checked by core.json_validation. Unpaired surrogates cannot arrive here: Django decodes paths,
    queries and forms as UTF-8, re-quoting or replacing what does not decode.)"""

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise SuspiciousOperation("The URL path contains a NUL character.")
        self._check(request.GET, "query parameter")
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            self._check(request.POST, "form field")
        return self.get_response(request)

    @staticmethod
    def _check(data, kind: str) -> None:
        for name, values in data.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                shown = name.replace("\x00", "")
                raise SuspiciousOperation(f"The {kind} “{shown}” contains a NUL character.")
