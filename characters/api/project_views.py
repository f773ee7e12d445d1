"""`/api/v1/character-tags/` (the tag tree) and `/api/v1/projects/` (workspaces and their members)."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from characters import selectors, services
from characters.api import serializers as s
from characters.api.filters import TagFilter
from characters.api.views import InputMixin
from characters.models import Project, Tag
from core.api.parsers import ValidatedJSONParser


@extend_schema_view(
    create=extend_schema(request=s.TagInputSerializer, responses={201: s.TagSerializer}),
    partial_update=extend_schema(summary="Change a tag (moderators)", request=s.TagInputSerializer),
)
class CharacterTagViewSet(
    InputMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Tag.objects.order_by("name", "id")
    serializer_class = s.TagSerializer
    parser_classes = [ValidatedJSONParser]
    filterset_class = TagFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request, *args, **kwargs):
        tag = services.tag_create(actor=request.user, **self._input(s.TagInputSerializer))
        return Response(s.TagSerializer(tag).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        fields = self._input(s.TagInputSerializer, partial=True)
        return Response(
            s.TagSerializer(services.tag_update(tag=self.get_object(), actor=request.user, **fields)).data
        )


@extend_schema_view(
    create=extend_schema(request=s.ProjectInputSerializer, responses={201: s.ProjectSerializer}),
    partial_update=extend_schema(request=s.ProjectInputSerializer),
)
class ProjectViewSet(
    InputMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Project.objects.none()
    serializer_class = s.ProjectSerializer
    parser_classes = [ValidatedJSONParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.projects_visible_to(user=self.request.user).prefetch_related("memberships__user")

    def _output(self, project, code=status.HTTP_200_OK):
        project = self.get_queryset().get(pk=project.pk)
        return Response(s.ProjectSerializer(project).data, status=code)

    def create(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        project = services.project_create(actor=request.user, **self._input(s.ProjectInputSerializer))
        return self._output(project, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        fields = self._input(s.ProjectInputSerializer, partial=True)
        return self._output(services.project_update(project=self.get_object(), actor=request.user, **fields))

    def perform_destroy(self, instance):
        services.project_delete(project=instance, actor=self.request.user)

    def _member(self) -> tuple[object, str]:
        fields = self._input(s.MemberInputSerializer)
        user = get_user_model().objects.filter(username__iexact=fields["username"]).first()
        if user is None:
            raise ValidationError({"username": ["No user has this username."]})
        return user, fields["role"]

    @extend_schema(
        summary="Add a member or change their role",
        request=s.MemberInputSerializer,
        responses=s.ProjectSerializer,
    )
    @action(detail=True, methods=["post"], url_path="members")
    def members(self, request, pk=None):
        project = self.get_object()
        user, role = self._member()
        services.project_member_set(project=project, actor=request.user, user=user, role=role)
        return self._output(project)

    @extend_schema(summary="Remove a member", request=s.MemberInputSerializer, responses=s.ProjectSerializer)
    @action(detail=True, methods=["post"], url_path="members/remove")
    def remove_member(self, request, pk=None):
        project = self.get_object()
        user, _role = self._member()
        services.project_member_remove(project=project, actor=request.user, user=user)
        return self._output(project)
