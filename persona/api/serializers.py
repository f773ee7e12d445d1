"""Input serializers validate what callers send (services do the rest); output serializers render."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from core.api.fields import JSONField
from core.json_validation import json_parse
from persona.models import DeleteReason, Persona, PersonaShare, ShareRole, Status, Visibility
from persona.selectors import persona_ancestors_visible_to, persona_forks_visible_to
from persona.tags import MAX_TAG_LENGTH, MAX_TAGS, tags_clean
from persona.validators import MAX_ALTERNATE_GREETINGS, MAX_GREETING_LENGTH, validate_alternate_greetings

MAX_PROMPTS = 50
MAX_LISTED_FORKS = 100
TRAITS_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
    "description": "Trait name to a number between 0 and 1.",
}
CAPABILITIES_SCHEMA = {"type": "object", "additionalProperties": True}
ALTERNATE_GREETINGS_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "minLength": 1, "maxLength": MAX_GREETING_LENGTH},
    "maxItems": MAX_ALTERNATE_GREETINGS,
    "description": "Other openings a chat may start with instead of the greeting (non-blank texts). "
    "In a multipart form, one JSON-encoded field.",
}
TAGS_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "maxLength": MAX_TAG_LENGTH},
    "maxItems": MAX_TAGS,
    "description": "Replaces the persona's tags; stored in lower case, repeats dropped. "
    "In a multipart form, one JSON-encoded field.",
}
OPTIONAL_URL_SCHEMA = {"type": "string", "format": "uri", "nullable": True, "readOnly": True}


class PersonaPromptSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=10000)

    def validate(self, attrs):
        # A PATCH makes nested fields optional too; a prompt still needs both.
        missing = {name: ["This field is required."] for name in ("title", "text") if name not in attrs}
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class _FormJSON(str):
    """A multipart form value holding JSON text, parsed (or refused, naming the field) on validation."""


class PromptListField(serializers.ListField):
    """A list of {title, text}; in a multipart form it may come as one JSON-encoded field."""

    child = PersonaPromptSerializer()

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_PROMPTS, **kwargs)

    def get_value(self, dictionary):
        raw = dictionary.get(self.field_name) if html.is_html_input(dictionary) else None
        return _FormJSON(raw) if isinstance(raw, str) else super().get_value(dictionary)

    def to_internal_value(self, data):
        if isinstance(data, _FormJSON):
            data = json_parse(data, max_bytes=None)  # Django has bounded the form's size already
        return super().to_internal_value(data)


@extend_schema_field(TRAITS_SCHEMA)
class TraitsField(JSONField):
    pass


@extend_schema_field(CAPABILITIES_SCHEMA)
class CapabilitiesField(JSONField):
    pass


@extend_schema_field(ALTERNATE_GREETINGS_SCHEMA)
class AlternateGreetingsField(JSONField):
    """A list of texts. Checked here: the model's validation skips empty values, and {} is one."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_alternate_greetings)


@extend_schema_field(TAGS_SCHEMA)
class TagsField(JSONField):
    """A list of tags, checked as the service checks them (persona.tags.tags_clean, which also refuses
    NUL and other control characters)."""

    def to_internal_value(self, data):
        try:
            return tags_clean(super().to_internal_value(data))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class KeptWhenOmittedBooleanField(serializers.BooleanField):
    """DRF reads a boolean missing from a multipart form as false; here, as with JSON, a missing one
    leaves the persona as it is (a PUT keeps what it omits)."""

    default_empty_html = serializers.empty


class DefinitionField(serializers.CharField):
    """One of the definitions (models.DEFINITION_FIELDS): null when hidden from the caller, as
    rules.can_view_definitions says (api.querysets sets `viewer_sees_definitions`)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def get_attribute(self, persona):
        return super().get_attribute(persona) if persona.viewer_sees_definitions else None


class PersonaInputSerializer(serializers.Serializer):
    """Create, or with `partial=True` change, a persona. Send JSON, or multipart when uploading an image."""

    name = serializers.CharField(min_length=3, max_length=100)
    description = serializers.CharField(max_length=5000)
    image = serializers.FileField(
        required=False, allow_null=True, help_text="JPEG, PNG, WebP or GIF; null clears."
    )
    ai_link = serializers.URLField(required=False, allow_blank=True, max_length=500)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    definitions_hidden = KeptWhenOmittedBooleanField(
        required=False,
        help_text="Keep the system prompt, scenario and example dialogue to the owner and editors "
        "(owner or moderator only); chats still use them.",
    )
    greeting = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_GREETING_LENGTH, help_text="A chat's first message."
    )
    alternate_greetings = AlternateGreetingsField(required=False)
    system_prompt = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    scenario = serializers.CharField(
        required=False, allow_blank=True, max_length=10000, help_text="The situation a chat takes place in."
    )
    example_dialogue = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Sample exchanges in the persona's voice.",
    )
    personality_traits = TraitsField(required=False)
    capabilities = CapabilitiesField(required=False)
    prompts = PromptListField(required=False, help_text="Replaces all of the persona's prompts, in order.")
    tags = TagsField(required=False)

    def validate_image(self, value):
        return "" if value is None else value


class PersonaForkInputSerializer(serializers.Serializer):
    name = serializers.CharField(
        min_length=3, max_length=100, required=False, help_text='Defaults to "<name> (fork)".'
    )
    description = serializers.CharField(max_length=5000, required=False)


class PersonaDeleteInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DeleteReason.choices, required=False, allow_blank=True)
    reason_detail = serializers.CharField(max_length=500, required=False, allow_blank=True)


class PersonaShareInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=ShareRole.choices)


class PersonaUnshareInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)


class PersonaShareSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = PersonaShare
        fields = ["username", "role", "created_at"]
        read_only_fields = fields


class PersonaReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Persona
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class PersonaOutputSerializer(serializers.ModelSerializer):
    """A persona as the caller may see it; the definitions (`system_prompt`, `scenario`,
    `example_dialogue`) are null when hidden from them."""

    owner = serializers.CharField(source="owner.username", read_only=True)
    url = serializers.SerializerMethodField(help_text="The persona's page.")
    image = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()
    ai_link = serializers.SerializerMethodField(help_text="An http(s) URL, or null.")
    definitions_hidden = serializers.BooleanField(
        read_only=True, help_text="The owner keeps the definitions to its editors."
    )
    alternate_greetings = AlternateGreetingsField(read_only=True)
    system_prompt = DefinitionField(help_text="Null when hidden from you.")
    scenario = DefinitionField(help_text="Null when hidden from you.")
    example_dialogue = DefinitionField(help_text="Null when hidden from you.")
    personality_traits = TraitsField(read_only=True)
    capabilities = CapabilitiesField(read_only=True)
    forked_from = serializers.SerializerMethodField(help_text="The parent's id, when you may see it.")
    forks_count = serializers.IntegerField(read_only=True, help_text="Forks you may see.")
    prompts = PersonaPromptSerializer(many=True, read_only=True)
    tags = serializers.SerializerMethodField(help_text="Lower-case tags, alphabetically.")

    class Meta:
        model = Persona
        fields = [
            "id",
            "name",
            "slug",
            "url",
            "owner",
            "description",
            "image",
            "thumbnail",
            "ai_link",
            "visibility",
            "status",
            "definitions_hidden",
            "greeting",
            "alternate_greetings",
            "system_prompt",
            "scenario",
            "example_dialogue",
            "personality_traits",
            "capabilities",
            "is_default",
            "forked_from",
            "forks_count",
            "popularity_score",
            "prompts",
            "tags",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @property
    def _user(self):
        return self.context["request"].user

    def get_url(self, persona) -> str:
        return self.context["request"].build_absolute_uri(persona.get_absolute_url())

    @extend_schema_field(OPTIONAL_URL_SCHEMA)
    def get_image(self, persona) -> str | None:
        return self._file_url(persona.image)

    @extend_schema_field(OPTIONAL_URL_SCHEMA)
    def get_thumbnail(self, persona) -> str | None:
        return self._file_url(persona.thumbnail)

    @extend_schema_field(OPTIONAL_URL_SCHEMA)
    def get_ai_link(self, persona) -> str | None:
        return persona.ai_link or None

    def get_tags(self, persona) -> list[str]:
        return sorted(persona.tag_names)  # read for a whole page (querysets.attach_viewer_fields)

    def get_forked_from(self, persona) -> int | None:
        return persona.forked_from_id if persona.parent_visible else None

    def _file_url(self, file) -> str | None:
        return self.context["request"].build_absolute_uri(file.url) if file else None


class LineageSerializer(serializers.Serializer):
    ancestors = PersonaReferenceSerializer(many=True, help_text="Visible ancestors, the original first.")
    forks = PersonaReferenceSerializer(
        many=True, help_text=f"Visible direct forks (at most {MAX_LISTED_FORKS})."
    )


class PersonaDetailOutputSerializer(PersonaOutputSerializer):
    lineage = serializers.SerializerMethodField()

    class Meta(PersonaOutputSerializer.Meta):
        fields = [*PersonaOutputSerializer.Meta.fields, "lineage"]
        read_only_fields = fields

    @extend_schema_field(LineageSerializer)
    def get_lineage(self, persona) -> dict:
        forks = persona_forks_visible_to(user=self._user, persona=persona).order_by("created_at", "id")
        ancestors, _ = persona_ancestors_visible_to(user=self._user, persona=persona)
        lineage = {"ancestors": ancestors, "forks": forks[:MAX_LISTED_FORKS]}
        return LineageSerializer(lineage).data


def constant_field(value: str) -> serializers.CharField:
    """A string that is always `value` (a pattern, not an enum, so it does not clash with Status)."""
    schema = {"type": "string", "pattern": f"^{value}$", "example": value}
    return extend_schema_field(schema)(type("Constant", (serializers.CharField,), {}))()


class PersonaDeletedSerializer(serializers.Serializer):
    persona_id = serializers.IntegerField()
    status = constant_field("deleted")
    deleted_at = serializers.DateTimeField()
    deleted_by = serializers.CharField(help_text="Username of who deleted it.")
    undo_available_until = serializers.DateTimeField()
    related_data = serializers.DictField(
        child=serializers.IntegerField(), help_text="Counts of what hangs on the persona."
    )
    message = serializers.CharField()


class PersonaRestoredSerializer(serializers.Serializer):
    persona_id = serializers.IntegerField()
    status = constant_field("restored")
    restored_at = serializers.DateTimeField()
    message = serializers.CharField()
