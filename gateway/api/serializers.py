"""The request of POST /api/v1/chat/completions, and OpenAI's shapes for the schema (the bodies
themselves are built by gateway.api.openai_format)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

ROLES = ("system", "user", "assistant")
MAX_MESSAGES = 1000
MAX_CONTENT_LENGTH = 100_000  # characters in one message
MAX_CONVERSATION_LENGTH = 400_000  # characters in all of them: far beyond any model's context
MAX_STOP_SEQUENCES = 4  # as OpenAI allows


class TextField(serializers.CharField):
    """Text as the client sent it: a number or a list of parts is refused, not turned into text."""

    default_error_messages = {"invalid": "Must be a string."}

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})
class StopField(serializers.Field):
    """Where the model stops: one sequence or a list of up to MAX_STOP_SEQUENCES."""

    def to_internal_value(self, data):
        sequences = [data] if isinstance(data, str) else data
        if not isinstance(sequences, list) or not all(isinstance(item, str) for item in sequences):
            raise serializers.ValidationError("Must be a string or a list of strings.")
        if len(sequences) > MAX_STOP_SEQUENCES or any(len(item) > 100 for item in sequences):
            raise serializers.ValidationError(
                f"At most {MAX_STOP_SEQUENCES} sequences of at most 100 characters."
            )
        return data


class ChatMessageSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ROLES)
    content = TextField(max_length=MAX_CONTENT_LENGTH, allow_blank=True)


class ChatCompletionRequestSerializer(serializers.Serializer):
    model = TextField(max_length=120, help_text="A persona's slug, as GET /api/v1/models lists them.")
    messages = ChatMessageSerializer(
        many=True,
        allow_empty=False,
        max_length=MAX_MESSAGES,
        help_text="The conversation; the persona's own system message is put before it.",
    )
    stream = serializers.BooleanField(default=False)
    temperature = serializers.FloatField(min_value=0, max_value=2, required=False)
    top_p = serializers.FloatField(min_value=0, max_value=1, required=False)
    max_tokens = serializers.IntegerField(min_value=1, max_value=100_000, required=False)
    presence_penalty = serializers.FloatField(min_value=-2, max_value=2, required=False)
    frequency_penalty = serializers.FloatField(min_value=-2, max_value=2, required=False)
    stop = StopField(required=False)

    def validate_messages(self, messages):
        if sum(len(message["content"]) for message in messages) > MAX_CONVERSATION_LENGTH:
            raise serializers.ValidationError(
                f"The conversation is longer than {MAX_CONVERSATION_LENGTH:,} characters."
            )
        return [dict(message) for message in messages]

    def model_options(self) -> dict:
        """What goes to the model besides the messages."""
        return {
            name: value
            for name, value in self.validated_data.items()
            if name not in ("model", "messages", "stream")
        }


class ModelObjectSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The persona's slug.")
    object = serializers.ChoiceField(choices=["model"])
    created = serializers.IntegerField(help_text="When the persona was created, in Unix seconds.")
    owned_by = serializers.CharField(help_text="The username of the persona's owner.")


class ModelListSerializer(serializers.Serializer):
    object = serializers.ChoiceField(choices=["list"])
    data = ModelObjectSerializer(many=True)


class AssistantMessageSerializer(serializers.Serializer):
    role = serializers.CharField(help_text='Always "assistant".')
    content = serializers.CharField()


class CompletionChoiceSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    message = AssistantMessageSerializer()
    finish_reason = serializers.CharField()


class ChatCompletionSerializer(serializers.Serializer):
    id = serializers.CharField()
    object = serializers.ChoiceField(choices=["chat.completion"])
    created = serializers.IntegerField()
    model = serializers.CharField(help_text="The persona's slug.")
    choices = CompletionChoiceSerializer(many=True)


class OpenAIErrorDetailSerializer(serializers.Serializer):
    message = serializers.CharField()
    type = serializers.CharField()
    param = serializers.CharField(allow_null=True, help_text="The field at fault, for invalid input.")
    code = serializers.CharField(allow_null=True)


class OpenAIErrorSerializer(serializers.Serializer):
    error = OpenAIErrorDetailSerializer()
