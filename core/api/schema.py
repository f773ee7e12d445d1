"""Every operation documents the error responses the API really gives, so the schema tells the truth."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.JSONField(), required=False)


_ERRORS = {
    "400": "Invalid input; `errors` names each field.",
    "401": "Not authenticated.",
    "403": "Not allowed.",
    "404": "Not found, or not visible to you.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "415": "Unsupported media type.",
    "429": "Too many requests.",
}
# Reads answer 400 too: a NUL character in any path or query is refused (core.middleware).
_READ_ONLY_ERRORS = {"400", "401", "403", "404", "405", "406", "429"}


class YayayAutoSchema(AutoSchema):
    error_serializer = ErrorSerializer  # the error shape; the OpenAI-compatible endpoints have their own

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = _READ_ONLY_ERRORS if self.method in ("GET", "HEAD") else _ERRORS
        for code in errors:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    self.error_serializer, code, direction=direction
                )
                responses[code]["description"] = _ERRORS[code]
        return responses

    def _get_request_body(self, direction="request"):
        """drf-spectacular documents no body for DELETE; document one a view declares with extend_schema."""
        if self.method != "DELETE" or not self._declares_delete_body():
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"

    def _declares_delete_body(self) -> bool:
        declared = self.get_request_serializer()
        if declared is None or isinstance(declared, dict):
            return declared is not None
        return type(force_instance(declared)) is not type(self._get_serializer())
