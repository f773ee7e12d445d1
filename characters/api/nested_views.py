"""`/api/v1/characters/{character_pk}/styles/` and `.../images/`: a character's styles and reference
images, seen by whoever sees the character, changed by its editors."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from characters import selectors, services
from characters.api import serializers as s
from characters.api.views import InputMixin
from characters.models import CharacterStyle, ReferenceImage
from core.api.parsers import ValidatedJSONParser

CHARACTER_PK = OpenApiParameter("character_pk", int, OpenApiParameter.PATH, description="The character's id.")


class CharacterChildMixin(InputMixin):
    pagination_class = None
    filter_backends = []

    @property
    def character(self):
        if not hasattr(self, "_character"):
            self._character = selectors.character_get_for_user(
                user=self.request.user, pk=self.kwargs["character_pk"]
            )
        return self._character


@extend_schema_view(
    list=extend_schema(parameters=[CHARACTER_PK]),
    retrieve=extend_schema(parameters=[CHARACTER_PK]),
    create=extend_schema(
        parameters=[CHARACTER_PK], request=s.StyleInputSerializer, responses={201: s.StyleSerializer}
    ),
    partial_update=extend_schema(parameters=[CHARACTER_PK], request=s.StyleInputSerializer),
    destroy=extend_schema(parameters=[CHARACTER_PK]),
)
class CharacterStyleViewSet(
    CharacterChildMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = CharacterStyle.objects.none()
    serializer_class = s.StyleSerializer
    parser_classes = [ValidatedJSONParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return CharacterStyle.objects.filter(character=self.character).order_by("order", "id")

    def create(self, request, *args, **kwargs):
        fields = self._input(s.StyleInputSerializer)
        style = services.character_style_create(character=self.character, actor=request.user, **fields)
        return Response(s.StyleSerializer(style).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        fields = self._input(s.StyleInputSerializer, partial=True)
        style = services.character_style_update(style=self.get_object(), actor=request.user, **fields)
        return Response(s.StyleSerializer(style).data)

    def perform_destroy(self, instance):
        services.character_style_delete(style=instance, actor=self.request.user)

    @extend_schema(
        parameters=[CHARACTER_PK], request=s.ReorderSerializer, responses=s.StyleSerializer(many=True)
    )
    @action(detail=False, methods=["post"], url_path="reorder")
    def reorder(self, request, character_pk=None):
        ids = self._input(s.ReorderSerializer)["order"]
        services.character_styles_reorder(character=self.character, actor=request.user, style_ids=ids)
        return Response(s.StyleSerializer(self.get_queryset(), many=True).data)


@extend_schema_view(
    list=extend_schema(parameters=[CHARACTER_PK]),
    retrieve=extend_schema(parameters=[CHARACTER_PK]),
    create=extend_schema(
        parameters=[CHARACTER_PK],
        request={"multipart/form-data": s.ImageInputSerializer},
        responses={201: s.ImageSerializer},
    ),
    partial_update=extend_schema(parameters=[CHARACTER_PK], request=s.ImageChangeSerializer),
    destroy=extend_schema(parameters=[CHARACTER_PK]),
)
class CharacterImageViewSet(
    CharacterChildMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = ReferenceImage.objects.none()
    serializer_class = s.ImageSerializer
    parser_classes = [ValidatedJSONParser, MultiPartParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return ReferenceImage.objects.filter(character=self.character).prefetch_related("tags")

    def _image_output(self, image, code=status.HTTP_200_OK):
        image = self.get_queryset().get(pk=image.pk)
        return Response(s.ImageSerializer(image, context={"request": self.request}).data, status=code)

    def create(self, request, *args, **kwargs):
        fields = self._input(s.ImageInputSerializer)
        image = services.reference_image_add(character=self.character, actor=request.user, **fields)
        return self._image_output(image, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        fields = self._input(s.ImageChangeSerializer, partial=True)
        image = services.reference_image_update(image=self.get_object(), actor=request.user, **fields)
        return self._image_output(image)

    def perform_destroy(self, instance):
        services.reference_image_delete(image=instance, actor=self.request.user)

    @extend_schema(
        parameters=[CHARACTER_PK], request=s.ReorderSerializer, responses=s.ImageSerializer(many=True)
    )
    @action(detail=False, methods=["post"], url_path="reorder")
    def reorder(self, request, character_pk=None):
        ids = self._input(s.ReorderSerializer)["order"]
        services.reference_images_reorder(character=self.character, actor=request.user, image_ids=ids)
        context = {"request": request}
        return Response(s.ImageSerializer(self.get_queryset(), many=True, context=context).data)

    @extend_schema(parameters=[CHARACTER_PK], request=None, responses=s.ImageSerializer)
    @action(detail=True, methods=["post"], url_path="actions/set-primary")
    def set_primary(self, request, character_pk=None, pk=None):
        image = services.reference_image_set_primary(image=self.get_object(), actor=request.user)
        return self._image_output(image)
