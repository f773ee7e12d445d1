"""`/api/v1/personas/{id}/actions/share/` and `.../unshare/`: only the owner shares."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from persona import rules, services
from persona.api import serializers as s


class PersonaSharingMixin:
    @extend_schema(
        methods=["GET"],
        summary="Who the persona is shared with (owner only)",
        request=None,
        responses=s.PersonaShareSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Share with a user as “use” or “edit”, or change their role (owner only)",
        request=s.PersonaShareInputSerializer,
        responses=s.PersonaShareSerializer,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Stop sharing with a user (owner only)",
        request={"application/json": s.PersonaUnshareInputSerializer},
        responses={204: None},
    )
    @action(
        detail=True,
        methods=["get", "post", "delete"],
        url_path="actions/share",
        permission_classes=[IsAuthenticated],
        pagination_class=None,
    )
    def share(self, request, pk=None):
        persona = self.get_object()
        if not rules.can_share(request.user, persona):
            raise PermissionDenied("Only the owner shares a persona.")
        if request.method == "GET":
            shares = persona.shares.select_related("user")
            return Response(s.PersonaShareSerializer(shares, many=True).data)
        if request.method == "DELETE":
            return self._unshare(persona)
        share = services.persona_share(
            persona=persona, actor=request.user, **self._input(s.PersonaShareInputSerializer)
        )
        return Response(s.PersonaShareSerializer(share).data)

    @extend_schema(
        summary="Stop sharing with a user (owner only); same as DELETE on share",
        request=s.PersonaUnshareInputSerializer,
        responses={204: None},
    )
    @action(detail=True, methods=["post"], url_path="actions/unshare", permission_classes=[IsAuthenticated])
    def unshare(self, request, pk=None):
        return self._unshare(self.get_object())

    def _unshare(self, persona):
        username = self._input(s.PersonaUnshareInputSerializer)["username"]
        services.persona_unshare(persona=persona, actor=self.request.user, username=username)
        return Response(status=status.HTTP_204_NO_CONTENT)
