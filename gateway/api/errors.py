"""Errors in OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`, which OpenAI clients
read and show; the rest of the API keeps its own (core.api.exception_handler)."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.llm import LLMError, LLMNotConfigured, LLMRateLimited, LLMTimeout
from gateway.api.openai_format import error_body

# Upstream failures as a gateway reports them: a model that did not answer in time is a 504, one that
# is busy a 429, a missing configuration a 503, and any other failure of the model's server a 502.
UPSTREAM_STATUS = ((LLMNotConfigured, 503), (LLMTimeout, 504), (LLMRateLimited, 429), (LLMError, 502))
NOT_FOUND = "The model does not exist, or you may not use it: list yours with GET /api/v1/models."


def gateway_exception_handler(exc, context):
    if isinstance(exc, LLMError):
        return _upstream_error(exc)
    if isinstance(exc, Http404 | exceptions.NotFound):
        body = error_body(message=NOT_FOUND, type="invalid_request_error", code="model_not_found")
        return Response(body, status=404)
    response = exception_handler(exc, context)  # DRF's status and headers: WWW-Authenticate, Retry-After
    if response is not None:
        response.data = _api_error_body(exc)
    return response


def _upstream_error(exc: LLMError) -> Response:
    status = next(status for kind, status in UPSTREAM_STATUS if isinstance(exc, kind))
    if isinstance(exc, LLMNotConfigured):
        body = error_body(message=exc.message, type="server_error", code="model_not_configured")
    else:
        body = error_body(message=exc.message, type="upstream_error", code=f"upstream_{exc.outcome}")
    response = Response(body, status=status)
    if exc.retry_after:
        response["Retry-After"] = str(round(exc.retry_after))
    return response


def _api_error_body(exc: exceptions.APIException) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        param, message = _first_field_error(exc.detail)
        return error_body(message=message, type="invalid_request_error", code="invalid_value", param=param)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return error_body(message=str(exc.detail), type="invalid_request_error", code="invalid_api_key")
    if isinstance(exc, exceptions.Throttled):
        return error_body(message=str(exc.detail), type="rate_limit_exceeded", code="rate_limit_exceeded")
    return error_body(message=str(exc.detail), type="invalid_request_error", code=exc.default_code)


def _first_field_error(detail, path: str = "") -> tuple[str | None, str]:
    """The first failing field as OpenAI names parameters (`messages[0].content`), and its message.
    DRF keys the errors of a list's items by their index."""
    if isinstance(detail, dict) and detail:
        key, inner = next(iter(detail.items()))
        if key == "non_field_errors":
            return _first_field_error(inner, path)
        name = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else str(key)
        return _first_field_error(inner, name)
    if isinstance(detail, list) and detail:
        return _first_field_error(next((item for item in detail if item), detail[0]), path)
    return path or None, f"{path}: {detail}" if path else str(detail)
