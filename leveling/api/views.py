from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from leveling import selectors
from leveling.api import serializers as s
from leveling.models import Achievement, Attribute, Skill
from persona.selectors import persona_get_for_user


@extend_schema(summary="Attributes and their skills")
class AttributeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Attribute.objects.prefetch_related("skills")
    serializer_class = s.AttributeSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = []


@extend_schema(summary="Skills")
class SkillViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Skill.objects.select_related("attribute")
    serializer_class = s.SkillSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = []


@extend_schema(summary="Achievements a persona can earn")
class AchievementViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Achievement.objects.all()
    serializer_class = s.AchievementSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = []
    lookup_field = "code"


def persona_progress_data(persona) -> dict:
    return {
        "persona": persona.pk,
        "total_points": selectors.persona_total_points(persona=persona),
        "attributes": selectors.persona_attribute_levels(persona=persona),
        "quests": selectors.persona_quests(persona=persona),
        "achievements": selectors.persona_achievements(persona=persona),
    }


class PersonaProgressApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="A persona's skills, attributes, quests and achievements",
        responses=s.PersonaProgressSerializer,
    )
    def get(self, request, persona_id: int):
        persona = persona_get_for_user(user=request.user, pk=persona_id)
        return Response(s.PersonaProgressSerializer(persona_progress_data(persona)).data)
