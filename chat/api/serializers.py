from rest_framework import serializers

from chat.models import MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, Chat, Message
from chat.selectors import persona_chattable_by
from chat.services import FORMATS
from chat.services.transfer import MAX_IMPORT_BYTES
from persona.models import Persona


class ChattablePersonaMixin:
    """The persona field accepts personas the caller may chat with; others are "invalid"."""

    def get_fields(self):
        fields = super().get_fields()
        fields["persona"].queryset = persona_chattable_by(user=self.context["request"].user)
        return fields


class MessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Message
        fields = ["id", "role", "content", "status", "created_at", "updated_at"]


class ChatSerializer(serializers.ModelSerializer):
    persona_name = serializers.CharField(source="persona.name", read_only=True)
    message_count = serializers.IntegerField(read_only=True)
    is_available = serializers.BooleanField(
        read_only=True, help_text="False once the persona no longer answers you (deleted, archived, private)."
    )

    class Meta:
        model = Chat
        fields = [
            "id",
            "persona",
            "persona_name",
            "title",
            "message_count",
            "is_available",
            "created_at",
            "updated_at",
        ]


class ChatDetailSerializer(ChatSerializer):
    messages = MessageSerializer(many=True, read_only=True)

    class Meta(ChatSerializer.Meta):
        fields = [*ChatSerializer.Meta.fields, "messages"]


class ChatCreateSerializer(ChattablePersonaMixin, serializers.Serializer):
    persona = serializers.PrimaryKeyRelatedField(queryset=Persona.objects.none())
    title = serializers.CharField(max_length=MAX_TITLE_LENGTH, required=False, default="")


class ChatRenameSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_TITLE_LENGTH)


class MessageInputSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=MAX_MESSAGE_LENGTH)


class MessageSendSerializer(MessageInputSerializer):
    stream = serializers.BooleanField(
        default=False,
        help_text="Stream the reply as server-sent events (`text/event-stream`, answered 200): `text` "
        'events `{"text": piece}` as the pieces arrive, then `done` `{"reply": message}` with the saved '
        'reply, or `error` `{"detail": why}` when the model failed (no reply is saved then; your message '
        "stays). Closing the connection early keeps what had arrived, marked `stopped`.",
    )


class ReplySerializer(serializers.Serializer):
    reply = MessageSerializer(help_text="The persona's reply, saved.")


class ChatImportSerializer(ChattablePersonaMixin, serializers.Serializer):
    persona = serializers.PrimaryKeyRelatedField(queryset=Persona.objects.none())
    file_format = serializers.ChoiceField(choices=FORMATS)
    content = serializers.CharField(
        max_length=MAX_IMPORT_BYTES, trim_whitespace=False, help_text="The file's text."
    )


class ChatExportQuerySerializer(serializers.Serializer):
    file_format = serializers.ChoiceField(choices=FORMATS, default="json")


class ChatExportSerializer(serializers.Serializer):
    file_format = serializers.ChoiceField(choices=FORMATS)
    filename = serializers.CharField()
    content = serializers.CharField(help_text="The file's text: SillyTavern JSONL or Yayay JSON.")
