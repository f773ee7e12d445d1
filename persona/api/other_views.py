"""`/api/v1/me/preferred-persona/` and the endpoints scripts of the old chat service call."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from persona import services
from persona.api.querysets import attach_viewer_fields, personas_for_output
from persona.api.serializers import PersonaDetailOutputSerializer, PersonaOutputSerializer
from persona.api.views import persona_output
from persona.selectors import persona_preferred_for, persona_readable_queryset


@extend_schema_field(OpenApiTypes.INT)
class VisiblePersonaField(serializers.PrimaryKeyRelatedField):
    """A persona id the caller may see; any other id reads as unknown."""

    default_error_messages = {"does_not_exist": "No persona you may see has the id {pk_value}."}

    def get_queryset(self):
        return persona_readable_queryset(user=self.context["request"].user)


CHAT_LIST_LIMIT = 100


class PreferredPersonaInputSerializer(serializers.Serializer):
    persona = VisiblePersonaField(allow_null=True, help_text="A persona id, or null for none.")


class PreferredPersonaSerializer(serializers.Serializer):
    persona = serializers.IntegerField(allow_null=True)
    persona_detail = PersonaDetailOutputSerializer(allow_null=True)


class PreferredPersonaApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Your preferred persona", responses=PreferredPersonaSerializer)
    def get(self, request):
        return Response(self._render(persona_preferred_for(user=request.user)))

    @extend_schema(
        summary="Choose your preferred persona (one you may see), or null",
        request=PreferredPersonaInputSerializer,
        responses=PreferredPersonaSerializer,
    )
    def put(self, request):
        serializer = PreferredPersonaInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        preference = services.persona_set_preferred(
            user=request.user, persona=serializer.validated_data["persona"]
        )
        return Response(self._render(preference.persona))

    def _render(self, persona) -> dict:
        detail = persona_output(self.request, persona) if persona else None
        return {"persona": persona.pk if persona else None, "persona_detail": detail}


class ChatPersonaListSerializer(serializers.Serializer):
    personas = PersonaOutputSerializer(many=True)
    total = serializers.IntegerField()
    message = serializers.CharField()


class ChatPersonaListApi(APIView):
    """Kept for scripts of the old chat service, unpaginated as they expect: the newest personas the caller
    may list, at most CHAT_LIST_LIMIT of them (all of a million would be no list at all)."""

    @extend_schema(
        summary=f"The newest {CHAT_LIST_LIMIT} personas you may list (old chat service format)",
        responses=ChatPersonaListSerializer,
    )
    def get(self, request):
        personas = list(personas_for_output(user=request.user, listed=True)[:CHAT_LIST_LIMIT])
        attach_viewer_fields(personas, user=request.user)
        data = PersonaOutputSerializer(personas, many=True, context={"request": request}).data
        message = f"{len(personas)} persona{'s' if len(personas) != 1 else ''} available."
        return Response({"personas": data, "total": len(personas), "message": message})


class ChatDefaultPersonaSerializer(serializers.Serializer):
    persona = PersonaDetailOutputSerializer()
    created = serializers.BooleanField()
    message = serializers.CharField()


class ChatInitializeDefaultApi(APIView):
    """Kept for scripts of the old chat service; staff only, like `/api/v1/personas/initialize-default/`."""

    permission_classes = [IsAdminUser]

    @extend_schema(
        summary="Create the default persona “Mu” once (staff only; old chat service format)",
        request=None,
        responses={201: ChatDefaultPersonaSerializer, 200: ChatDefaultPersonaSerializer},
    )
    def post(self, request):
        persona, created = services.persona_initialize_default()
        message = "Default persona created." if created else "Default persona already exists."
        body = {"persona": persona_output(request, persona), "created": created, "message": message}
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
