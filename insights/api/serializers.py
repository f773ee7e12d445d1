"""Shapes of the insights API: research profile (Big Five and Hofstede as objects, as the research front
end expects), needs (the document with its computed scores), generation, audit log and messaging."""

from rest_framework import serializers

from core.api.fields import JSONField
from insights.models import BIG_FIVE_FIELDS, HOFSTEDE_FIELDS, AuditEntry, EducationLevel, IncomeBracket
from insights.services.messaging import MessageType, Tone
from insights.validators import MAX_TAG_LENGTH, MAX_TAGS


def _unit_scores(names: tuple[str, ...], label: str) -> type[serializers.Serializer]:
    fields = {
        name: serializers.FloatField(min_value=0, max_value=1, allow_null=True, required=False)
        for name in names
    }
    return type(label, (serializers.Serializer,), {**fields, "__doc__": "Scores from 0 to 1; null: unknown."})


BigFiveSerializer = _unit_scores(BIG_FIVE_FIELDS, "BigFiveSerializer")
HofstedeSerializer = _unit_scores(HOFSTEDE_FIELDS, "HofstedeSerializer")


def _tags():
    return serializers.ListField(
        child=serializers.CharField(max_length=MAX_TAG_LENGTH), max_length=MAX_TAGS, required=False
    )


class ResearchProfileInputSerializer(serializers.Serializer):
    age = serializers.IntegerField(min_value=0, max_value=120, allow_null=True, required=False)
    gender = serializers.CharField(max_length=50, allow_blank=True, required=False)
    location = serializers.CharField(max_length=200, allow_blank=True, required=False)
    occupation = serializers.CharField(max_length=200, allow_blank=True, required=False)
    education_level = serializers.ChoiceField(
        choices=["", *EducationLevel.values], allow_blank=True, required=False
    )
    income_bracket = serializers.ChoiceField(
        choices=["", *IncomeBracket.values], allow_blank=True, required=False
    )
    big_five = BigFiveSerializer(required=False)
    hofstede = HofstedeSerializer(required=False)
    values = _tags()
    interests = _tags()
    background_story = serializers.CharField(max_length=10000, allow_blank=True, required=False)
    segment_id = serializers.CharField(max_length=100, allow_blank=True, required=False)
    segment_name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    context = JSONField(required=False, help_text="A JSON object: what the persona was made from.")

    def to_service_fields(self) -> dict:
        """The flat model fields the service takes (Big Five and Hofstede scores spread out)."""
        data = dict(self.validated_data)
        return {**data.pop("big_five", {}), **data.pop("hofstede", {}), **data}


class ResearchProfileOutputSerializer(serializers.Serializer):
    persona_id = serializers.IntegerField()
    exists = serializers.BooleanField(help_text="False until someone fills the profile in.")
    age = serializers.IntegerField(allow_null=True)
    gender = serializers.CharField()
    location = serializers.CharField()
    occupation = serializers.CharField()
    education_level = serializers.CharField()
    income_bracket = serializers.CharField()
    big_five = BigFiveSerializer()
    hofstede = HofstedeSerializer()
    values = serializers.ListField(child=serializers.CharField())
    interests = serializers.ListField(child=serializers.CharField())
    background_story = serializers.CharField()
    segment_id = serializers.CharField()
    segment_name = serializers.CharField()
    context = serializers.JSONField()
    created_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField()
    source = serializers.ChoiceField(choices=["answer", "chat"])
    source_id = serializers.IntegerField(allow_null=True)


class JobSerializer(serializers.Serializer):
    situation = serializers.CharField()
    motivation = serializers.CharField()
    outcome = serializers.CharField()
    statement = serializers.CharField(read_only=True)
    priority = serializers.IntegerField(min_value=1, max_value=10)
    frequency = serializers.CharField()
    difficulty = serializers.CharField()
    quotes = QuoteSerializer(many=True)


class OutcomeSerializer(serializers.Serializer):
    statement = serializers.CharField()
    importance = serializers.IntegerField(min_value=1, max_value=10)
    satisfaction = serializers.IntegerField(min_value=1, max_value=10)
    measurable = serializers.BooleanField()
    opportunity_score = serializers.IntegerField(
        read_only=True, help_text="importance × (importance − satisfaction)"
    )
    odi_score = serializers.IntegerField(
        read_only=True, help_text="importance + max(importance − satisfaction, 0)"
    )
    odi_band = serializers.CharField(
        read_only=True, help_text="extreme (>15), high (12-15), worth a look (10-12), unattractive (<10)"
    )


class PainPointSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    severity = serializers.IntegerField(min_value=1, max_value=10)
    severity_level = serializers.CharField(read_only=True)
    frequency = serializers.CharField()
    share_affected = serializers.FloatField(min_value=0, max_value=1)
    quotes = QuoteSerializer(many=True)
    possible_solutions = serializers.ListField(child=serializers.CharField())


class NeedsDocumentSerializer(serializers.Serializer):
    jobs_to_be_done = JobSerializer(many=True)
    desired_outcomes = OutcomeSerializer(many=True)
    pain_points = PainPointSerializer(many=True)


class NeedsOutputSerializer(serializers.Serializer):
    persona_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["empty", "running", "ready", "failed"])
    out_of_date = serializers.BooleanField(help_text="Answers or chat replies newer than the analysis exist.")
    generator = serializers.CharField()
    generated_at = serializers.DateTimeField(allow_null=True)
    sources_seen_until = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField(
        help_text="Why the last generation failed; the document is the previous one."
    )
    document = NeedsDocumentSerializer()


class NeedsInputSerializer(serializers.Serializer):
    document = JSONField(
        help_text="The whole needs document (insights.schema.NeedsDocument); scores are computed."
    )


class GenerationStartedSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    status = serializers.CharField()
    status_url = serializers.CharField(help_text="Poll it: the needs, with their status.")


class AuditEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", allow_null=True, default=None)

    class Meta:
        model = AuditEntry
        fields = ["id", "action", "user", "created_at", "details", "ip_address", "user_agent"]


class MessagingInputSerializer(serializers.Serializer):
    tone = serializers.ChoiceField(choices=Tone.choices)
    message_type = serializers.ChoiceField(choices=MessageType.choices)


class MessageVariantSerializer(serializers.Serializer):
    headline = serializers.CharField()
    body = serializers.CharField()
    call_to_action = serializers.CharField()


class MessagingOutputSerializer(serializers.Serializer):
    tone = serializers.CharField()
    message_type = serializers.CharField()
    variants = MessageVariantSerializer(many=True)
