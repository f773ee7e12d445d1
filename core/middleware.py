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
