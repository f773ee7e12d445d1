from decimal import Decimal

from rest_framework import serializers

from leveling.models import Skill
from persona.api.filters import BIGINT_MAX
from persona.models import Persona
from persona.selectors import persona_readable_queryset
from prompts.models import (
    MAX_ANSWER_LENGTH,
    MAX_SCORE_COMMENT_LENGTH,
    Answer,
    Prompt,
    PromptSkill,
    SkillScore,
)
from prompts.selectors import answer_list_visible_to, prompt_list_visible_to
from prompts.services import answer_edit_deadline


class PromptSkillSerializer(serializers.ModelSerializer):
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.all())
    skill_slug = serializers.CharField(source="skill.slug", read_only=True)
    weight = serializers.DecimalField(
        max_digits=3,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=Decimal("3.0"),
        default=Decimal("1.0"),
    )

    class Meta:
        model = PromptSkill
        fields = ["skill", "skill_slug", "weight"]


class AnswerListQuerySerializer(serializers.Serializer):
    persona = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="Only this persona's answers.",
    )


class PromptOutputSerializer(serializers.ModelSerializer):
    skills = PromptSkillSerializer(source="prompt_skills", many=True)
    author = serializers.CharField(source="author.username", allow_null=True, default=None)

    class Meta:
        model = Prompt
        fields = [
            "id",
            "title",
            "text",
            "difficulty",
            "tier_lowest",
            "tier_highest",
            "is_active",
            "is_tutorial",
            "skills",
            "author",
            "created_at",
            "updated_at",
        ]


class PromptInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=10000)
    difficulty = serializers.IntegerField(min_value=1, max_value=5, default=1)
    tier_lowest = serializers.IntegerField(min_value=1, max_value=10, default=10)
    tier_highest = serializers.IntegerField(min_value=1, max_value=10, default=1)
    is_active = serializers.BooleanField(default=True)
    is_tutorial = serializers.BooleanField(default=False)
    skills = PromptSkillSerializer(many=True, allow_empty=False)


class ScoreSerializer(serializers.ModelSerializer):
    skill_slug = serializers.CharField(source="skill.slug", read_only=True)
    scorer = serializers.CharField(source="scorer.username", allow_null=True, default=None)

    class Meta:
        model = SkillScore
        fields = ["id", "answer", "skill", "skill_slug", "score", "scorer", "xp_awarded", "created_at"]


class AnswerOutputSerializer(serializers.ModelSerializer):
    persona_name = serializers.CharField(source="persona.name")
    prompt_title = serializers.CharField(source="prompt.title")
    author = serializers.CharField(source="author.username", allow_null=True, default=None)
    editable_until = serializers.SerializerMethodField()
    drafted = serializers.BooleanField(
        source="is_drafted", help_text="The persona drafted it (see draft_model)."
    )
    scores = ScoreSerializer(many=True)

    class Meta:
        model = Answer
        fields = [
            "id",
            "persona",
            "persona_name",
            "prompt",
            "prompt_title",
            "text",
            "author",
            "drafted",
            "draft_model",
            "created_at",
            "updated_at",
            "editable_until",
            "scores",
        ]

    def get_editable_until(self, answer) -> str:
        return serializers.DateTimeField().to_representation(answer_edit_deadline(answer))


class VisibleChoicesMixin:
    """Related fields only accept objects the caller may see: others' private ones are "invalid"."""

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        if "persona" in fields:
            fields["persona"].queryset = persona_readable_queryset(user=user)
        if "prompt" in fields:
            fields["prompt"].queryset = prompt_list_visible_to(user=user)
        if "answer" in fields:
            fields["answer"].queryset = answer_list_visible_to(user=user, readable=True)
        return fields


class AnswerCreateSerializer(VisibleChoicesMixin, serializers.Serializer):
    persona = serializers.PrimaryKeyRelatedField(queryset=Answer.objects.none())
    prompt = serializers.PrimaryKeyRelatedField(queryset=Prompt.objects.none())
    text = serializers.CharField(max_length=MAX_ANSWER_LENGTH, allow_blank=False)
    draft_token = serializers.CharField(
        required=False,
        max_length=1000,
        help_text="The draft_token of POST /api/v1/answers/draft/ when the persona drafted the text: the "
        "answer then records the model that did.",
    )


class AnswerDraftInputSerializer(VisibleChoicesMixin, serializers.Serializer):
    persona = serializers.PrimaryKeyRelatedField(queryset=Persona.objects.none())
    prompt = serializers.PrimaryKeyRelatedField(queryset=Prompt.objects.none())


class AnswerDraftOutputSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The persona's answer, for you to edit and submit.")
    model = serializers.CharField(help_text="The language model that wrote it.")
    draft_token = serializers.CharField(source="token", help_text="Send it with the answer you submit.")


class AnswerUpdateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_ANSWER_LENGTH, allow_blank=False)


class SkillScoreCreateSerializer(VisibleChoicesMixin, serializers.Serializer):
    answer = serializers.PrimaryKeyRelatedField(queryset=Answer.objects.none())
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.all())
    score = serializers.IntegerField(min_value=0, max_value=10)
    comment = serializers.CharField(
        max_length=MAX_SCORE_COMMENT_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Why this score: the persona's owner and editors read it on the answer page.",
    )
