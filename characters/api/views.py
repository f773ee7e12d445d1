"""`/api/v1/characters/` and its nested styles and images, `/api/v1/character-tags/`,
`/api/v1/projects/`. Reads go through the selectors (others' private characters answer 404), writes
through characters.services."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from characters import selectors, services
from characters.api import serializers as s
from characters.api.filters import CharacterFilter
from characters.models import CharacterProfile
from core.api.parsers import ValidatedJSONParser
from core.api.schema import ErrorSerializer

EXPORT_FORMAT = OpenApiParameter(
    "format",
    str,
    enum=["v2", "v3", "charx", "png"],
    default="v3",
    description="v2 or v3 JSON, a CHARX zip, or a PNG card (needs a primary image).",
)
CONFLICT = OpenApiResponse(ErrorSerializer, description="The character is training now.")


class InputMixin:
    def _input(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def characters_for_output(user):
    related = ("tags", "images", "styles", "projects", "style_presets")
    return selectors.character_list_visible_to(user=user).prefetch_related(*related)


@extend_schema_view(
    list=extend_schema(summary="Characters you may see: public ones, yours and your projects'"),
    retrieve=extend_schema(summary="One character", responses=s.CharacterDetailSerializer),
    create=extend_schema(request=s.CharacterInputSerializer, responses={201: s.CharacterDetailSerializer}),
    update=extend_schema(request=s.CharacterInputSerializer, responses=s.CharacterDetailSerializer),
    partial_update=extend_schema(request=s.CharacterInputSerializer, responses=s.CharacterDetailSerializer),
    destroy=extend_schema(summary="Delete a character (its creator or a moderator)"),
)
class CharacterViewSet(InputMixin, viewsets.ModelViewSet):
    queryset = CharacterProfile.objects.none()
    serializer_class = s.CharacterSerializer
    parser_classes = [ValidatedJSONParser, MultiPartParser]
    filterset_class = CharacterFilter
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return characters_for_output(self.request.user)

    def get_serializer_class(self):
        return s.CharacterSerializer if self.action == "list" else s.CharacterDetailSerializer

    def perform_content_negotiation(self, request, force=False):
        # `?format=` names the card format of an export, not one of DRF's renderers.
        return super().perform_content_negotiation(request, force=force or self.action == "export")

    def _output(self, character, code=status.HTTP_200_OK, serializer=s.CharacterDetailSerializer, **extra):
        character = characters_for_output(self.request.user).get(pk=character.pk)
        for name, value in extra.items():
            setattr(character, name, value)
        return Response(serializer(character, context={"request": self.request}).data, status=code)

    def _character_input(self, **kwargs) -> dict:
        projects = selectors.projects_visible_to(user=self.request.user)
        return self._input(s.CharacterInputSerializer, projects=projects, **kwargs)

    def create(self, request, *args, **kwargs):
        character = services.character_create(actor=request.user, **self._character_input())
        return self._output(character, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        character = self.get_object()
        fields = self._character_input(partial=kwargs.get("partial", False))
        return self._output(services.character_update(character=character, actor=request.user, **fields))

    def destroy(self, request, *args, **kwargs):
        services.character_delete(character=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Compute the character's embedding again",
        request=None,
        responses={202: s.TrainingSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="actions/retrain")
    def retrain(self, request, pk=None):
        profile = services.character_retrain(character=self.get_object(), actor=request.user)
        return Response(s.TrainingSerializer(profile).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Fork a character into a private copy of your own",
        request=s.CharacterForkSerializer,
        responses={201: s.CharacterDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="actions/fork")
    def fork(self, request, pk=None):
        name = self._input(s.CharacterForkSerializer)["name"]
        fork = services.character_fork(character=self.get_object(), actor=request.user, name=name)
        return self._output(fork, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Import a Character Card (V1/V2/V3 JSON, PNG or CHARX)",
        request={"multipart/form-data": s.ImportInputSerializer},
        responses={201: s.ImportedCharacterSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser],
        permission_classes=[IsAuthenticated],
    )
    def import_card(self, request):
        fields = self._input(s.ImportInputSerializer)
        upload = fields.pop("file")
        result = services.character_import(
            actor=request.user, data=upload.read(), filename=upload.name or "card", **fields
        )
        persona_id = result.persona.pk if result.persona else None
        return self._output(
            result.character,
            status.HTTP_201_CREATED,
            s.ImportedCharacterSerializer,
            warnings=result.warnings,
            persona=persona_id,
        )

    @extend_schema(
        summary="Export the character as a Character Card",
        parameters=[EXPORT_FORMAT],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/zip"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
        },
    )
    @action(detail=True, methods=["get"], url_path="export")
    def export(self, request, pk=None):
        character = self.get_object()
        card_format = request.query_params.get("format", "v3")
        data, filename, content_type = services.character_export(
            character=character, actor=request.user, format=card_format
        )
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
