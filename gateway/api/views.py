"""OpenAI's endpoints, with personas as the models. Authenticated by API tokens only (Bearer, as OpenAI
clients send them, Token or X-API-Key): these are for programs, and session cookies would need CSRF."""

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import (
    ApiBearerAuthentication,
    ApiKeyHeaderAuthentication,
    ApiTokenAuthentication,
)
from core.api.parsers import ValidatedJSONParser
from core.api.throttling import PerIpRateThrottle, PerUserRateThrottle
from gateway.api import openai_format
from gateway.api.errors import gateway_exception_handler
from gateway.api.schema import BAD_REQUEST, UPSTREAM_ERRORS, GatewayAutoSchema
from gateway.api.serializers import (
    ChatCompletionRequestSerializer,
    ChatCompletionSerializer,
    ModelListSerializer,
    ModelObjectSerializer,
)
from gateway.selectors import gateway_model_get_for, gateway_model_list_for
from gateway.services import gateway_complete, gateway_stream
from persona.models import Status

TAG = "Personas as OpenAI models"
ARCHIVED_MODEL = "This persona is archived: its owner has retired it, so it does not answer until unarchived."


class ChatCompletionThrottle(PerUserRateThrottle):
    """Each completion is a call to the language model: GATEWAY_COMPLETION_THROTTLE per user."""

    scope = "gateway_completion"


class JsonAlways(DefaultContentNegotiation):
    """OpenAI clients send Accept headers of their own (text/event-stream when streaming): the answer is
    JSON or a stream whatever they ask for, never a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class GatewayApi(APIView):
    authentication_classes = [ApiBearerAuthentication, ApiTokenAuthentication, ApiKeyHeaderAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonAlways
    schema = GatewayAutoSchema()

    def get_exception_handler(self):
        return gateway_exception_handler


class ModelListApi(GatewayApi):
    @extend_schema(
        tags=[TAG],
        operation_id="models_list",
        summary="The personas you may use, as OpenAI models",
        description="Your own and shared personas, then the most popular public ones "
        "(500 in all); archived ones are left out. Any persona you may open answers by its slug.",
        responses={200: ModelListSerializer, 400: BAD_REQUEST},
    )
    def get(self, request):
        return Response(openai_format.model_list(gateway_model_list_for(user=request.user)))


class ModelDetailApi(GatewayApi):
    @extend_schema(
        tags=[TAG],
        operation_id="models_retrieve",
        summary="One persona as an OpenAI model",
        responses={200: ModelObjectSerializer, 400: BAD_REQUEST},
    )
    def get(self, request, slug: str):
        # `models/<slug>/` is served too, like every API path with and without its trailing slash.
        persona = gateway_model_get_for(user=request.user, slug=slug.removesuffix("/"))
        return Response(openai_format.model_object(persona))


class ChatCompletionApi(GatewayApi):
    parser_classes = [ValidatedJSONParser]
    throttle_classes = [PerUserRateThrottle, PerIpRateThrottle, ChatCompletionThrottle]

    @extend_schema(
        tags=[TAG],
        operation_id="chat_completions_create",
        summary="Talk to a persona, in OpenAI's chat completions format",
        description="`model` is a persona's slug. The persona's system message goes first, then your "
        "messages as sent (your own system messages included, after the persona's). With "
        "`stream: true` the reply arrives as server-sent events, `data: {chunk}` lines ending with "
        "`data: [DONE]`.",
        request=ChatCompletionRequestSerializer,
        responses={
            (200, "application/json"): ChatCompletionSerializer,
            (200, "text/event-stream"): OpenApiResponse(OpenApiTypes.STR, description="With `stream`."),
            400: BAD_REQUEST,
            **UPSTREAM_ERRORS,
        },
    )
    def post(self, request):
        serializer = ChatCompletionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        persona = gateway_model_get_for(user=request.user, slug=data["model"], archived_too=True)
        if persona.status == Status.ARCHIVED:
            raise exceptions.ValidationError({"model": ARCHIVED_MODEL})
        call = {"user": request.user, "persona": persona, "messages": data["messages"]}
        if not data["stream"]:
            text = gateway_complete(**call, options=serializer.model_options())
            return Response(openai_format.chat_completion(model=persona.slug, text=text))
        pieces = gateway_stream(**call, options=serializer.model_options())
        events = openai_format.chat_completion_events(model=persona.slug, pieces=pieces)
        response = StreamingHttpResponse(events, content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # nginx would hold the stream back otherwise
        return response
