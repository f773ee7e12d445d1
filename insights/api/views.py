"""The insights API under /api/v1/personas/{id}/: research profile, needs, generation, audit log and
messaging. Each finds the persona through persona.selectors (404 for those who may not see it); writes
go through insights.services."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.parsers import ValidatedJSONParser
from core.api.schema import ErrorSerializer
from insights import selectors
from insights.api import serializers as s
from insights.api.rendering import needs_output, profile_output
from insights.models import AuditEntry, ResearchProfile
from insights.services.generation import needs_generation_start
from insights.services.messaging import messaging_generate
from insights.services.needs import needs_analysis_edit
from insights.services.profiles import PROFILE_FIELDS, research_profile_save
from insights.throttling import MessagingThrottle
from persona.selectors import persona_get_for_user

ALREADY_RUNNING = OpenApiResponse(ErrorSerializer, description="A generation of this persona is running.")
NO_MODEL = OpenApiResponse(ErrorSerializer, description="No language model is configured; `detail` says how.")
MODEL_FAILED = OpenApiResponse(
    ErrorSerializer, description="The language model failed or gave no 3 variants."
)


class _PersonaApi(APIView):
    parser_classes = [ValidatedJSONParser]  # JSON bodies only: tags and documents are JSON, not form text

    def persona(self):
        return persona_get_for_user(user=self.request.user, pk=self.kwargs["persona_id"])


class ResearchProfileApi(_PersonaApi):
    @extend_schema(summary="A persona's research profile", responses=s.ResearchProfileOutputSerializer)
    def get(self, request, persona_id):
        persona = self.persona()
        return Response(profile_output(persona, selectors.research_profile_for(persona=persona)))

    @extend_schema(
        summary="Replace a persona's research profile (editors); fields left out are emptied",
        request=s.ResearchProfileInputSerializer,
        responses=s.ResearchProfileOutputSerializer,
    )
    def put(self, request, persona_id):
        return self._save(partial=False)

    @extend_schema(
        summary="Change some fields of a persona's research profile (editors)",
        request=s.ResearchProfileInputSerializer,
        responses=s.ResearchProfileOutputSerializer,
    )
    def patch(self, request, persona_id):
        return self._save(partial=True)

    def _save(self, *, partial: bool):
        persona = self.persona()
        serializer = s.ResearchProfileInputSerializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        fields = serializer.to_service_fields()
        if not partial:
            fields = {**profile_defaults(), **fields}
        profile = research_profile_save(persona=persona, actor=self.request.user, **fields)
        return Response(profile_output(persona, profile))


def profile_defaults() -> dict:
    """What PUT sets the fields it is not given to: each field's empty value."""
    empty = ResearchProfile()
    return {name: getattr(empty, name) for name in PROFILE_FIELDS}


class NeedsApi(_PersonaApi):
    @extend_schema(
        summary="A persona's needs and pains, with status and out-of-date flag",
        responses=s.NeedsOutputSerializer,
    )
    def get(self, request, persona_id):
        persona = self.persona()
        return Response(
            needs_output(persona, selectors.needs_state_for(persona=persona), viewer=request.user)
        )

    @extend_schema(
        summary="Replace a persona's needs document by hand (editors)",
        request=s.NeedsInputSerializer,
        responses=s.NeedsOutputSerializer,
    )
    def put(self, request, persona_id):
        persona = self.persona()
        serializer = s.NeedsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        needs_analysis_edit(
            persona=persona, actor=request.user, document=serializer.validated_data["document"]
        )
        return Response(
            needs_output(persona, selectors.needs_state_for(persona=persona), viewer=request.user)
        )


class GenerateNeedsApi(_PersonaApi):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Generate a persona's needs from its answers (editors); poll status_url",
        request=None,
        responses={202: s.GenerationStartedSerializer, 409: ALREADY_RUNNING},
    )
    def post(self, request, persona_id):
        persona = self.persona()
        analysis = needs_generation_start(persona=persona, actor=request.user)
        started = {
            "task_id": analysis.task_id,
            "status": "running",
            "status_url": reverse("insights-api:needs", kwargs={"persona_id": persona.pk}),
        }
        return Response(s.GenerationStartedSerializer(started).data, status=status.HTTP_202_ACCEPTED)


class AuditLogApi(generics.ListAPIView):
    """The persona's audit log, newest first: for its owner and moderators (404 for others)."""

    serializer_class = s.AuditEntrySerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema asks for the model without a persona
            return AuditEntry.objects.none()
        persona = persona_get_for_user(user=self.request.user, pk=self.kwargs["persona_id"])
        return selectors.audit_entries_for(user=self.request.user, persona=persona)

    @extend_schema(summary="A persona's audit log (owner and moderators)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MessagingApi(_PersonaApi):
    permission_classes = [IsAuthenticated]
    throttle_classes = [MessagingThrottle]

    @extend_schema(
        summary="Three messaging variants grounded in the persona's needs (10 an hour per user)",
        request=s.MessagingInputSerializer,
        responses={200: s.MessagingOutputSerializer, 409: NO_MODEL, 503: MODEL_FAILED},
    )
    def post(self, request, persona_id):
        persona = self.persona()
        serializer = s.MessagingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        variants = messaging_generate(persona=persona, actor=request.user, **serializer.validated_data)
        output = {**serializer.validated_data, "variants": [variant.model_dump() for variant in variants]}
        return Response(s.MessagingOutputSerializer(output).data)
