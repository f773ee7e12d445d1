"""The schema of the OpenAI-compatible endpoints: their errors in OpenAI's shape."""

from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer

from core.api.schema import ErrorSerializer, YayayAutoSchema
from gateway.api.serializers import OpenAIErrorSerializer


class GatewayAutoSchema(YayayAutoSchema):
    error_serializer = OpenAIErrorSerializer


# A NUL character in the path or query is refused by core.middleware before any view, in the API's
# usual shape; every other 400 is OpenAI's.
BAD_REQUEST = OpenApiResponse(
    PolymorphicProxySerializer(
        component_name="GatewayBadRequest",
        serializers=[OpenAIErrorSerializer, ErrorSerializer],
        resource_type_field_name=None,
    ),
    description="Invalid input; `error.param` names the field at fault.",
)
UPSTREAM_ERRORS = {
    502: OpenApiResponse(OpenAIErrorSerializer, description="The language model's server failed."),
    503: OpenApiResponse(OpenAIErrorSerializer, description="No language model is configured."),
    504: OpenApiResponse(OpenAIErrorSerializer, description="The language model did not answer in time."),
    429: OpenApiResponse(OpenAIErrorSerializer, description="Too many requests, yours or the model's."),
}
