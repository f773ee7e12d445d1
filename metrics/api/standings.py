"""`/api/v1/personas/{persona_id}/standings/` (every attribute's tier, rating and place, or why it has
none) and `/api/v1/personas/{persona_id}/rating-history/` (the daily snapshots): what the persona's
pages show. A persona the caller may not read answers 404, as it does everywhere in the API."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.schema import ErrorSerializer
from leveling.models import Attribute
from metrics import selectors
from metrics.models import StandingSnapshot
from metrics.policy import metrics_policy
from persona.selectors import persona_get_for_user

TIER_HELP = "1 (T1 Singularity, the best) to 10 (T10 Stone)."
NOT_VISIBLE = OpenApiResponse(ErrorSerializer, description="No persona with this id that you may read.")
BAD_ATTRIBUTE = OpenApiResponse(ErrorSerializer, description="`attribute` is not an attribute's slug.")


class WouldBeSerializer(serializers.Serializer):
    """Where a non-public persona would stand if it were public: (live position, band)."""

    position = serializers.IntegerField()
    tier = serializers.IntegerField(allow_null=True, help_text="Its band, or null past the last place.")
    tier_name = serializers.CharField(source="tier.label", allow_null=True, default=None)

    def to_representation(self, instance):
        position, band = instance
        return super().to_representation({"position": position, "tier": band})


class AttributeStandingSerializer(serializers.Serializer):
    attribute = serializers.SlugField(source="attribute.slug")
    name = serializers.CharField(source="attribute.name")
    tier = serializers.IntegerField(help_text=TIER_HELP)
    tier_name = serializers.CharField(source="tier.label")
    rating = serializers.FloatField(allow_null=True, help_text="0 to 3000; null before any rating.")
    placed = serializers.BooleanField(help_text="Holds a band (T7-T5) or a ranked tier (T4-T1).")
    rank = serializers.IntegerField(allow_null=True, help_text="The exact rank, in T4-T1 only.")
    position = serializers.IntegerField(
        allow_null=True,
        help_text="The live position among those competing for the bands: approximate between two daily "
        "updates (see bands_updated_at). Null when it competes for none, or holds a rank.",
    )
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why it is not placed.")
    would_be = WouldBeSerializer(
        allow_null=True, help_text="For the owner and editors of a private or unlisted persona; else null."
    )


class PersonaStandingsSerializer(serializers.Serializer):
    persona = serializers.IntegerField(source="persona.pk")
    tier = serializers.IntegerField(help_text=f"The best tier in any attribute: {TIER_HELP}")
    tier_name = serializers.CharField(source="tier.label")
    bands_updated_at = serializers.CharField(help_text="When the daily update runs (HH:MM, UTC).")
    attributes = AttributeStandingSerializer(many=True)


class SnapshotSerializer(serializers.ModelSerializer):
    tier_name = serializers.CharField(source="get_tier_display")

    class Meta:
        model = StandingSnapshot
        fields = ["day", "rating", "tier", "tier_name", "rank"]


class AttributeHistorySerializer(serializers.Serializer):
    attribute = serializers.SlugField(source="attribute.slug")
    name = serializers.CharField(source="attribute.name")
    history = SnapshotSerializer(
        source="snapshots",
        many=True,
        help_text="Each day the daily update changed the rating, tier or rank, oldest first; the values "
        "held until the next one.",
    )


class RatingHistorySerializer(serializers.Serializer):
    persona = serializers.IntegerField(source="persona.pk")
    attributes = AttributeHistorySerializer(many=True)


class RatingHistoryQuerySerializer(serializers.Serializer):
    attribute = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Attribute.objects.all(),
        required=False,
        help_text="Only this attribute: cognition, mastery, communication or versatility.",
        error_messages={"does_not_exist": "No attribute has the slug “{value}”."},
    )


class PersonaStandingsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="A persona's tier, rating and place in every attribute, or why it has none",
        responses={200: PersonaStandingsSerializer, 404: NOT_VISIBLE},
    )
    def get(self, request, persona_id: int):
        persona = persona_get_for_user(user=request.user, pk=persona_id)
        standings = selectors.persona_standings_seen_by(user=request.user, persona=persona)
        body = {
            "persona": persona,
            "tier": selectors.headline_tier(standings),
            "bands_updated_at": f"{metrics_policy().recalculate_at:%H:%M}",
            "attributes": standings,
        }
        return Response(PersonaStandingsSerializer(body).data)


class PersonaRatingHistoryApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="A persona's rating, tier and rank on each day the daily update changed them",
        parameters=[RatingHistoryQuerySerializer],
        responses={200: RatingHistorySerializer, 400: BAD_ATTRIBUTE, 404: NOT_VISIBLE},
    )
    def get(self, request, persona_id: int):
        persona = persona_get_for_user(user=request.user, pk=persona_id)
        query = RatingHistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        histories = selectors.persona_rating_history(persona=persona, **query.validated_data)
        return Response(RatingHistorySerializer({"persona": persona, "attributes": histories}).data)
