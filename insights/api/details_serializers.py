"""Shapes of the details, compare and export endpoints: inputs validate, outputs document the answers."""

from rest_framework import serializers

from insights.exports import FORMATS
from insights.sections import SECTION_NAMES, SECTIONS

MAX_COMPARED = 3
MAX_ID = 2**63 - 1


class UnitScoresField(serializers.DictField):
    child = serializers.FloatField(allow_null=True, min_value=0, max_value=1)


class AuditLogEntrySerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    user = serializers.CharField(allow_null=True)
    at = serializers.DateTimeField()
    details = serializers.DictField()


class NeedsStatusSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="empty, running, ready or failed.")
    last_error = serializers.CharField(allow_blank=True)
    out_of_date = serializers.BooleanField(help_text="Answers newer than the analysis exist.")


def _detail_fields(*, required: bool) -> dict:
    """The details' fields; compare shows only those of the sections asked for (so none is required)."""
    optional = {"required": required}
    nullable_text = {"allow_null": True, **optional}
    return {
        "id": serializers.IntegerField(),
        "full_name": serializers.CharField(),
        "persona_title": serializers.CharField(allow_blank=True),
        "headline": serializers.CharField(allow_blank=True),
        "age": serializers.IntegerField(allow_null=True, min_value=0, max_value=120, **optional),
        "gender": serializers.CharField(**nullable_text),
        "location": serializers.CharField(**nullable_text),
        "education_level": serializers.CharField(**nullable_text),
        "income_bracket": serializers.CharField(**nullable_text),
        "occupation": serializers.CharField(**nullable_text),
        "big_five": UnitScoresField(allow_null=True, **optional),
        "hofstede": UnitScoresField(allow_null=True, **optional),
        "values": serializers.ListField(child=serializers.CharField(), **optional),
        "interests": serializers.ListField(child=serializers.CharField(), **optional),
        "background_story": serializers.CharField(allow_blank=True, **optional),
        "needs_and_pains": serializers.DictField(
            allow_null=True,
            help_text="Jobs to be done by priority, desired outcomes by opportunity (with their computed "
            "opportunity_score and odi_score), pain points by severity; null when none were generated.",
            **optional,
        ),
        "segment_id": serializers.CharField(**nullable_text),
        "segment_name": serializers.CharField(**nullable_text),
        "rag_context_details": serializers.JSONField(
            allow_null=True, help_text="The context the persona was made from.", **optional
        ),
        "created_at": serializers.DateTimeField(**optional),
        "updated_at": serializers.DateTimeField(**optional),
        "is_active": serializers.BooleanField(**optional),
    }


PersonaDetailsSerializer = type(
    "PersonaDetailsSerializer",
    (serializers.Serializer,),
    {
        **_detail_fields(required=True),
        "needs_status": NeedsStatusSerializer(),
        "audit_log": AuditLogEntrySerializer(
            many=True, help_text="The last 20 actions, newest first; empty unless you own or moderate it."
        ),
    },
)
ComparedPersonaSerializer = type(
    "ComparedPersonaSerializer",
    (serializers.Serializer,),
    {
        **_detail_fields(required=False),
        "_differences": serializers.ListField(
            child=serializers.CharField(), required=False, help_text="Fields in which the personas differ."
        ),
    },
)


ExportedPersonaSerializer = type(
    "ExportedPersonaSerializer", (serializers.Serializer,), _detail_fields(required=False)
)


class SectionsField(serializers.ListField):
    child = serializers.ChoiceField(choices=SECTION_NAMES)

    def __init__(self, **kwargs):
        help_text = f"Any of {', '.join(SECTIONS)}; all of them when left out."
        super().__init__(required=False, max_length=len(SECTIONS), help_text=help_text, **kwargs)


class CompareInputSerializer(serializers.Serializer):
    compare_with = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        help_text=f"Ids of 1 or 2 other personas you may see ({MAX_COMPARED} personas at most in all).",
    )
    sections = SectionsField()
    highlight_differences = serializers.BooleanField(default=True)

    def validate_compare_with(self, ids):
        if not ids:
            raise serializers.ValidationError("Name at least one other persona to compare with.")
        if len(ids) > MAX_COMPARED - 1:
            raise serializers.ValidationError(
                f"At most {MAX_COMPARED} personas are compared at once: name 1 or 2 others, not {len(ids)}."
            )
        if len(set(ids)) != len(ids) or self.context["persona_id"] in ids:
            raise serializers.ValidationError("Name each persona once (and not the one compared with them).")
        return ids


class KeyDifferenceSerializer(serializers.Serializer):
    field = serializers.CharField()
    values = serializers.ListField(child=serializers.JSONField(allow_null=True))


class CompareSummarySerializer(serializers.Serializer):
    similarity_score = serializers.FloatField(
        allow_null=True, help_text="Gower similarity, 0..1 (null when no field can be compared)."
    )
    total_differences = serializers.IntegerField()
    key_differences = KeyDifferenceSerializer(many=True, help_text="Largest contribution first.")


class CompareOutputSerializer(serializers.Serializer):
    personas = ComparedPersonaSerializer(many=True)
    summary = CompareSummarySerializer()


class ExportInputSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=FORMATS, default="json")
    sections = SectionsField()
    pii_mask = serializers.BooleanField(
        default=True, help_text="Names to initials, e-mail addresses and phone numbers masked (default)."
    )


class ExportMetadataSerializer(serializers.Serializer):
    exported_by = serializers.CharField()
    exported_at = serializers.DateTimeField()
    sections = serializers.ListField(child=serializers.CharField())
    masked = serializers.BooleanField()


class ExportContentSerializer(serializers.Serializer):
    persona = ExportedPersonaSerializer()
    metadata = ExportMetadataSerializer()


class ExportOutputSerializer(serializers.Serializer):
    export_id = serializers.UUIDField()
    format = serializers.CharField()
    created_at = serializers.DateTimeField()
    content = ExportContentSerializer()
