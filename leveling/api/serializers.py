from rest_framework import serializers

from leveling.models import Achievement, Attribute, Skill


class SkillSerializer(serializers.ModelSerializer):
    attribute = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Skill
        fields = ["id", "slug", "name", "description", "attribute"]


class AttributeSerializer(serializers.ModelSerializer):
    skills = SkillSerializer(many=True, read_only=True)

    class Meta:
        model = Attribute
        fields = ["id", "slug", "name", "description", "skills"]


class AchievementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Achievement
        fields = ["code", "name", "description", "points", "icon", "criteria"]


class SkillProgressSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    xp = serializers.IntegerField()
    level = serializers.IntegerField()
    xp_to_next_level = serializers.IntegerField()


class AttributeProgressSerializer(serializers.Serializer):
    slug = serializers.CharField(source="attribute.slug")
    name = serializers.CharField(source="attribute.name")
    level = serializers.IntegerField(help_text="Floor of the mean of its skills' levels.")
    tier = serializers.IntegerField(help_text="Tutorial tier: 10 Stone, 9 Wood, 8 Paper, 7 eligible.")
    tier_name = serializers.CharField(source="tier.label")
    skills = SkillProgressSerializer(many=True)


class QuestStepProgressSerializer(serializers.Serializer):
    label = serializers.CharField()
    kind = serializers.CharField(source="step.kind")
    value = serializers.IntegerField()
    target = serializers.IntegerField()


class QuestProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="quest.id")
    title = serializers.CharField(source="quest.title")
    attribute = serializers.CharField(source="quest.attribute.slug")
    tier_from = serializers.IntegerField(source="quest.tier_from")
    tier_to = serializers.IntegerField(source="quest.tier_to")
    completed_at = serializers.DateTimeField(allow_null=True)
    steps = QuestStepProgressSerializer(many=True)


class AwardedAchievementSerializer(serializers.Serializer):
    code = serializers.CharField(source="achievement.code")
    name = serializers.CharField(source="achievement.name")
    icon = serializers.CharField(source="achievement.icon")
    points = serializers.IntegerField(source="achievement.points")
    awarded_at = serializers.DateTimeField()


class PersonaProgressSerializer(serializers.Serializer):
    persona = serializers.IntegerField()
    total_points = serializers.IntegerField()
    attributes = AttributeProgressSerializer(many=True)
    quests = QuestProgressSerializer(many=True)
    achievements = AwardedAchievementSerializer(many=True)
