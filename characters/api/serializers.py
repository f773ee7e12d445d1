from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from characters.models import (
    CARD_IDENTITY_FIELDS,
    CHAT_TEXT_FIELDS,
    CharacterProfile,
    CharacterStyle,
    MemberRole,
    Project,
    ReferenceImage,
    Tag,
    TrainingStatus,
)
from characters.services.cards import TagMode
from prompts.models import PromptHelper

URL_SCHEMA = {"type": "string", "format": "uri", "nullable": True}
TEXT_LIMITS = {
    "description": 20000,
    "backstory": 20000,
    "personality": 20000,
    "scenario": 20000,
    "greeting": 20000,
    "example_messages": 50000,
    "creator_notes": 50000,
    "system_prompt": 20000,
    "post_history_instructions": 20000,
}


def _file_url(context, file) -> str | None:
    return context["request"].build_absolute_uri(file.url) if file else None


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name", "parent", "description", "color", "icon"]


class TagInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    parent = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), required=False, allow_null=True)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    color = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False, allow_blank=True)
    icon = serializers.CharField(max_length=40, required=False, allow_blank=True)


class StyleSerializer(serializers.ModelSerializer):
    class Meta:
        model = CharacterStyle
        fields = [
            "id",
            "name",
            "prompt_helper",
            "prompt",
            "negative_prompt",
            "reference_image",
            "order",
            "created_at",
        ]


class StyleInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    prompt_helper = serializers.PrimaryKeyRelatedField(
        queryset=PromptHelper.objects.all(), required=False, allow_null=True
    )
    prompt = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    negative_prompt = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    reference_image = serializers.PrimaryKeyRelatedField(
        queryset=ReferenceImage.objects.all(), required=False, allow_null=True
    )


class ImageSerializer(serializers.ModelSerializer):
    image = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()
    web_image = serializers.SerializerMethodField()

    class Meta:
        model = ReferenceImage
        fields = [
            "id",
            "image",
            "thumbnail",
            "web_image",
            "caption",
            "alt_text",
            "tags",
            "style",
            "order",
            "is_primary",
            "width",
            "height",
            "format",
            "bytes",
            "created_at",
        ]

    @extend_schema_field(URL_SCHEMA)
    def get_image(self, image) -> str | None:
        return _file_url(self.context, image.image)

    @extend_schema_field(URL_SCHEMA)
    def get_thumbnail(self, image) -> str | None:
        return _file_url(self.context, image.thumbnail)

    @extend_schema_field(URL_SCHEMA)
    def get_web_image(self, image) -> str | None:
        return _file_url(self.context, image.web_image)


class ImageInputSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="JPEG, PNG, WebP or GIF; at most 5 MB and 4096 px a side.")
    alt_text = serializers.CharField(max_length=150)
    caption = serializers.CharField(max_length=500, required=False, allow_blank=True)
    is_primary = serializers.BooleanField(required=False, default=False)
    tags = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), many=True, required=False)
    style = serializers.PrimaryKeyRelatedField(
        queryset=PromptHelper.objects.all(), required=False, allow_null=True
    )


class ImageChangeSerializer(serializers.Serializer):
    alt_text = serializers.CharField(max_length=150, required=False)
    caption = serializers.CharField(max_length=500, required=False, allow_blank=True)
    tags = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), many=True, required=False)


class ReorderSerializer(serializers.Serializer):
    order = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        max_length=500,
        help_text="Every id, once, in the new order.",
    )


class TrainingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TrainingStatus.choices)
    task_id = serializers.CharField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField()
    embedding_method = serializers.CharField()


class CharacterSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    url = serializers.SerializerMethodField()
    tags = TagSerializer(many=True, read_only=True)
    training = TrainingSerializer(read_only=True)
    primary_image = serializers.SerializerMethodField()

    class Meta:
        model = CharacterProfile
        fields = [
            "id",
            "name",
            "slug",
            "url",
            "description",
            "backstory",
            "personality_traits",
            "is_public",
            "is_featured",
            "created_by",
            "created_at",
            "updated_at",
            "projects",
            "style_presets",
            "tags",
            "forked_from",
            *CHAT_TEXT_FIELDS,
            "alternate_greetings",
            "group_only_greetings",
            *CARD_IDENTITY_FIELDS,
            "card_source",
            "card_created_at",
            "card_modified_at",
            "card_extra",
            "training",
            "primary_image",
        ]

    def get_url(self, character) -> str:
        return self.context["request"].build_absolute_uri(character.get_absolute_url())

    @extend_schema_field(URL_SCHEMA)
    def get_primary_image(self, character) -> str | None:
        primary = next((i for i in character.images.all() if i.is_primary), None)
        return _file_url(self.context, primary.thumbnail or primary.image) if primary else None


class CharacterDetailSerializer(CharacterSerializer):
    styles = StyleSerializer(many=True, read_only=True)
    images = ImageSerializer(many=True, read_only=True)

    class Meta(CharacterSerializer.Meta):
        fields = [*CharacterSerializer.Meta.fields, "styles", "images"]


class ImportedCharacterSerializer(CharacterDetailSerializer):
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)
    persona = serializers.IntegerField(allow_null=True, read_only=True, help_text="The persona made too.")

    class Meta(CharacterDetailSerializer.Meta):
        fields = [*CharacterDetailSerializer.Meta.fields, "warnings", "persona"]


def _strings(max_items: int = 100):
    return serializers.ListField(
        child=serializers.CharField(max_length=20000, allow_blank=True), max_length=max_items, required=False
    )


class CharacterInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    backstory = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    personality_traits = serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=50, required=False
    )
    is_public = serializers.BooleanField(required=False)
    is_featured = serializers.BooleanField(required=False, help_text="Moderators only.")
    tags = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), many=True, required=False)
    projects = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none(), many=True, required=False)
    style_presets = serializers.PrimaryKeyRelatedField(
        queryset=PromptHelper.objects.all(), many=True, required=False
    )
    personality = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    scenario = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    greeting = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    example_messages = serializers.CharField(max_length=50000, required=False, allow_blank=True)
    creator_notes = serializers.CharField(max_length=50000, required=False, allow_blank=True)
    system_prompt = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    post_history_instructions = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    alternate_greetings = _strings()
    group_only_greetings = _strings()
    creator = serializers.CharField(max_length=200, required=False, allow_blank=True)
    character_version = serializers.CharField(max_length=100, required=False, allow_blank=True)
    nickname = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["projects"].child_relation.queryset = projects


class CharacterForkSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A Character Card: V1/V2/V3 JSON, a PNG card or a CHARX zip.")
    tag_mode = serializers.ChoiceField(choices=TagMode.CHOICES, default=TagMode.ALL, required=False)
    make_persona = serializers.BooleanField(default=False, required=False)


class ProjectSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["id", "name", "slug", "description", "owner", "members", "created_at"]

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "username": {"type": "string"},
                    "role": {"type": "string", "enum": MemberRole.values},
                },
            },
        }
    )
    def get_members(self, project) -> list[dict]:
        return [{"username": m.user.username, "role": m.role} for m in project.memberships.all()]


class ProjectInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class MemberInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.VIEWER)
