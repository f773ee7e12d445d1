"""One error shape for the whole API: `{"detail": "...", "errors": {"field": ["..."]}}`."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.exceptions import ApplicationError


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return _application_error_response(exc)
    exc = _as_drf_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _first_message(response.data), "errors": _as_field_errors(response.data)}
    elif not isinstance(response.data, dict):
        response.data = {"detail": response.data}
    return response


def _application_error_response(exc: ApplicationError) -> Response:
    data = {"detail": exc.message, **exc.extra}
    if exc.field:
        data["errors"] = {exc.field: [exc.message]}
    return Response(data, status=exc.status)


def _as_drf_exception(exc):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return exceptions.ValidationError(detail=detail)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _as_field_errors(data) -> dict:
    if isinstance(data, dict):
        return {key: value if isinstance(value, list | dict) else [value] for key, value in data.items()}
    return {"non_field_errors": data if isinstance(data, list) else [data]}


def _first_message(data) -> str:
    while isinstance(data, dict | list) and data:
        data = next(iter(data.values())) if isinstance(data, dict) else data[0]
    return str(data) if data else "Invalid input."
