"""API keys travel as `Authorization: Token <key>` or `X-API-Key: <key>` (older scripts send that), and
as `Authorization: Bearer <key>` on the OpenAI-compatible endpoints (gateway/), as OpenAI clients send it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts.services import api_token_authenticate


class ApiTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        user = api_token_authenticate(key)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked API token.")
        return user, key


class ApiBearerAuthentication(ApiTokenAuthentication):
    keyword = "Bearer"

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiKeyHeaderAuthentication(authentication.BaseAuthentication):
    header = "HTTP_X_API_KEY"

    def authenticate(self, request):
        key = request.META.get(self.header, "").strip()
        if not key:
            return None
        user = api_token_authenticate(key)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked API key.")
        return user, key

    def authenticate_header(self, request):
        return "X-API-Key"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "TokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "`Token <key>`"}


class ApiKeyHeaderScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiKeyHeaderAuthentication"
    name = "ApiKeyHeader"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-API-Key"}


class ApiBearerScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiBearerAuthentication"
    name = "BearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A Yayay API token, as OpenAI clients send it",
        }
