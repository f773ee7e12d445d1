"""Error pages: under `/api/` they are JSON in the API's one error shape, elsewhere Django's own pages."""

from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)


def bad_request(request, exception):
    message = str(exception) or "Bad request."
    if _is_api(request):
        return JsonResponse({"detail": message}, status=400)
    return defaults.bad_request(request, exception)
