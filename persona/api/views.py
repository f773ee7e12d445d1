"""`/api/v1/personas/`: reads go through the selectors (others' private personas answer 404), writes
through `persona.services`."""

from django.http import Http404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response

from core.api.parsers import ValidatedJSONParser
from core.api.schema import ErrorSerializer
from core.cache import anonymous_cache
from persona import services
from persona.api import serializers as s
from persona.api.filters import PersonaFilter
from persona.api.querysets import attach_viewer_fields, personas_for_output
from persona.api.share_views import PersonaSharingMixin
from persona.models import Persona
from persona.selectors import (
    persona_browsable,
    persona_get_restorable_for_user,
    persona_related_counts,
)
from persona.services.lifecycle import undo_deadline

CONFLICT = OpenApiResponse(ErrorSerializer, description="Another persona took its name meanwhile.")
GONE = OpenApiResponse(ErrorSerializer, description="The undo window has passed.")


def persona_output(request, persona: Persona) -> dict:
    """Render one persona freshly read as the caller sees it (404 if a racing request deleted it)."""
    persona = personas_for_output(user=request.user, listed=False).filter(pk=persona.pk).first()
    if persona is None:
        raise Http404("No persona found.")
    attach_viewer_fields([persona], user=request.user)
    return s.PersonaDetailOutputSerializer(persona, context={"request": request}).data


@extend_schema_view(
    list=extend_schema(summary="Personas you may list: public ones, yours and those shared with you"),
    retrieve=extend_schema(
        summary="One persona (unlisted ones by id too)", responses=s.PersonaDetailOutputSerializer
    ),
    create=extend_schema(
        summary="Create a persona",
        request=s.PersonaInputSerializer,
        responses={201: s.PersonaDetailOutputSerializer},
    ),
    update=extend_schema(
        summary="Change a persona (name and description required; omitted fields stay as they are)",
        request=s.PersonaInputSerializer,
        responses=s.PersonaDetailOutputSerializer,
    ),
    partial_update=extend_schema(
        summary="Change some fields of a persona",
        request=s.PersonaInputSerializer,
        responses=s.PersonaDetailOutputSerializer,
    ),
    destroy=extend_schema(
        summary="Delete a persona (undo possible for a short while)",
        request={"application/json": s.PersonaDeleteInputSerializer},
        responses={200: s.PersonaDeletedSerializer},
    ),
)
@method_decorator(anonymous_cache("personas"), name="dispatch")
class PersonaViewSet(
    PersonaSharingMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Persona.objects.none()
    serializer_class = s.PersonaOutputSerializer
    parser_classes = [ValidatedJSONParser, MultiPartParser]
    filter_backends = [DjangoFilterBackend]
    filterset_class = PersonaFilter

    def get_queryset(self):
        listed = self.action == "list"
        personas = personas_for_output(user=self.request.user, listed=listed)
        if listed and not self.request.query_params.get("status"):
            personas = persona_browsable(personas, status=None)  # archived ones only when asked for
        return personas

    def paginate_queryset(self, queryset):
        return attach_viewer_fields(super().paginate_queryset(queryset), user=self.request.user)

    def get_object(self):
        return attach_viewer_fields([super().get_object()], user=self.request.user)[0]

    def get_serializer_class(self):
        return s.PersonaOutputSerializer if self.action == "list" else s.PersonaDetailOutputSerializer

    def _input(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _output(self, persona: Persona, status_code=status.HTTP_200_OK) -> Response:
        return Response(persona_output(self.request, persona), status=status_code)

    def create(self, request, *args, **kwargs):
        persona = services.persona_create(owner=request.user, **self._input(s.PersonaInputSerializer))
        return self._output(persona, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        return self._update(partial=False)

    def partial_update(self, request, *args, **kwargs):
        return self._update(partial=True)

    def _update(self, *, partial: bool) -> Response:
        persona = self.get_object()
        fields = self._input(s.PersonaInputSerializer, partial=partial)
        return self._output(services.persona_update(persona=persona, actor=self.request.user, **fields))

    def destroy(self, request, *args, **kwargs):
        persona = self.get_object()
        reason = self._input(s.PersonaDeleteInputSerializer)
        persona = services.persona_delete(persona=persona, actor=request.user, **reason)
        deleted = {
            "persona_id": persona.pk,
            "status": "deleted",
            "deleted_at": persona.deleted_at,
            "deleted_by": request.user.get_username(),
            "undo_available_until": undo_deadline(persona),
            "related_data": persona_related_counts(persona=persona),
            "message": f"“{persona.name}” was deleted. You can undo this until the deadline.",
        }
        return Response(s.PersonaDeletedSerializer(deleted).data)

    @extend_schema(
        summary="Fork a persona into a private copy of your own",
        request=s.PersonaForkInputSerializer,
        responses={201: s.PersonaDetailOutputSerializer},
    )
    @action(detail=True, methods=["post"], url_path="actions/fork")
    def fork(self, request, pk=None):
        parent = self.get_object()
        overrides = self._input(s.PersonaForkInputSerializer)
        fork = services.persona_fork(persona=parent, actor=request.user, **overrides)
        return self._output(fork, status.HTTP_201_CREATED)

    @extend_schema(summary="Archive a persona (owner or moderator)", request=None)
    @action(detail=True, methods=["post"], url_path="actions/archive")
    def archive(self, request, pk=None):
        return self._output(services.persona_archive(persona=self.get_object(), actor=request.user))

    @extend_schema(summary="Bring an archived persona back to active (owner or moderator)", request=None)
    @action(detail=True, methods=["post"], url_path="actions/restore")
    def restore(self, request, pk=None):
        return self._output(services.persona_restore(persona=self.get_object(), actor=request.user))

    @extend_schema(
        summary="Undo a delete within the undo window (owner or moderator)",
        request=None,
        responses={200: s.PersonaRestoredSerializer, 409: CONFLICT, 410: GONE},
    )
    @action(detail=True, methods=["post"], url_path="actions/undo-delete", url_name="undo-delete")
    def undo_delete(self, request, pk=None):
        persona = persona_get_restorable_for_user(user=request.user, pk=pk)
        persona = services.persona_undo_delete(persona=persona, actor=request.user)
        restored = {
            "persona_id": persona.pk,
            "status": "restored",
            "restored_at": timezone.now(),
            "message": f"“{persona.name}” is back.",
        }
        return Response(s.PersonaRestoredSerializer(restored).data)

    @extend_schema(
        summary="Create the default persona “Mu” once (staff only)",
        request=None,
        responses={201: s.PersonaDetailOutputSerializer, 200: s.PersonaDetailOutputSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="initialize-default",
        url_name="initialize-default",
        permission_classes=[IsAdminUser],
    )
    def initialize_default(self, request):
        persona, created = services.persona_initialize_default()
        return self._output(persona, status.HTTP_201_CREATED if created else status.HTTP_200_OK)
