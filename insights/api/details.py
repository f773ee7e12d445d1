"""`/api/v1/personas/{id}/details/`, `.../actions/compare/` and `.../actions/export/`: the research
front end's contract. Whoever may not see a persona gets 404, as if it did not exist."""

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.throttling import PerUserRateThrottle
from insights.api import details_serializers as s
from insights.details import persona_details_for, persona_for_details
from insights.research import persona_export, personas_compare


class DetailsThrottle(PerUserRateThrottle):
    scope = "insights_details"


def _input(serializer_class, request, **context) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class PersonaDetailsApi(APIView):
    throttle_classes = [*APIView.throttle_classes, DetailsThrottle]

    @extend_schema(
        summary="A persona's research details: identity, profile, needs and pains, audit log "
        "(30 a minute per user)",
        responses=s.PersonaDetailsSerializer,
    )
    def get(self, request, pk: int):
        persona = persona_for_details(user=request.user, pk=pk)
        return Response(persona_details_for(user=request.user, persona=persona, via="api", request=request))


def _visible_other(user, persona_id: int):
    try:
        return persona_for_details(user=user, pk=persona_id)
    except Http404:
        raise NotFound(f"compare_with: no persona you may see has the id {persona_id}.") from None


class PersonaCompareApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Compare a persona with 1 or 2 others you may see (Gower similarity, key differences)",
        request=s.CompareInputSerializer,
        responses=s.CompareOutputSerializer,
    )
    def post(self, request, pk: int):
        base = persona_for_details(user=request.user, pk=pk)
        wanted = _input(s.CompareInputSerializer, request, persona_id=base.pk)
        others = [_visible_other(request.user, other_id) for other_id in wanted.pop("compare_with")]
        report = personas_compare(user=request.user, personas=[base, *others], request=request, **wanted)
        return Response(report)


class PersonaExportApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Export a persona's details as JSON, CSV or PDF (personal data masked by default)",
        request=s.ExportInputSerializer,
        responses={
            (200, "application/json"): s.ExportOutputSerializer,
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="The CSV file."),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF file."),
        },
    )
    def post(self, request, pk: int):
        persona = persona_for_details(user=request.user, pk=pk)
        wanted = _input(s.ExportInputSerializer, request)
        exported = persona_export(user=request.user, persona=persona, request=request, **wanted)
        if exported.format == "json":
            return Response(exported.document)
        response = HttpResponse(exported.body, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response
