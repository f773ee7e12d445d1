"""Input serializers validate what callers send (services do the rest); output serializers render. Items
reach the output with `totals` and `liked` attached (content.selectors.content_with_counts)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chat.selectors import chat_list_for
from content.models import (
    MAX_BODY_LENGTH,
    MAX_COMMENT_LENGTH,
    MAX_TITLE_LENGTH,
    PUBLISHED_KINDS,
    ChatMessage,
    ChatRole,
    ContentComment,
    ContentItem,
)
from content.transcripts import MAX_MESSAGES, transcript_from_json
from core.api.fields import JSONField
from persona.api.other_views import VisiblePersonaField

BIGINT_MAX = 2**63 - 1
MESSAGES_SCHEMA = {
    "type": "array",
    "maxItems": MAX_MESSAGES,
    "items": {
        "type": "object",
        "required": ["role", "text"],
        "additionalProperties": False,
        "properties": {
            "role": {"type": "string", "enum": ChatRole.values},
            "text": {"type": "string", "minLength": 1, "maxLength": 10000},
            "time": {"type": "string", "format": "date-time", "nullable": True},
        },
    },
    "description": "The messages in order. A malformed one is refused with an error naming it "
    '("Message 3: its role is “bot”; use one of user, assistant, system.") and nothing is imported.',
}


class ContentListQuerySerializer(serializers.Serializer):
    persona = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=BIGINT_MAX,
        help_text="Only this persona's content (an unlisted one's too, by id); 404 if you may not see it.",
    )


class TotalsSerializer(serializers.Serializer):
    """Counted reactions: never the persona owner's own views, likes and comments, nor hidden comments."""

    views = serializers.IntegerField()
    likes = serializers.IntegerField()
    comments = serializers.IntegerField()
    shares = serializers.IntegerField()
    engagement_rate = serializers.FloatField(
        help_text="(likes + comments + shares) / views; 0 with no views."
    )


class ContentItemOutputSerializer(serializers.ModelSerializer):
    persona_name = serializers.CharField(source="persona.name")
    author = serializers.CharField(source="author.username", allow_null=True, default=None)
    page_url = serializers.SerializerMethodField()
    counts = TotalsSerializer(source="totals")
    liked = serializers.BooleanField(help_text="Whether you like it.")

    class Meta:
        model = ContentItem
        fields = [
            "id",
            "persona",
            "persona_name",
            "kind",
            "title",
            "body",
            "image",
            "thumbnail",
            "answer",
            "author",
            "created_at",
            "page_url",
            "counts",
            "liked",
        ]
        read_only_fields = fields

    def get_page_url(self, item) -> str:
        return self.context["request"].build_absolute_uri(item.get_absolute_url())


class ChatMessageSerializer(serializers.ModelSerializer):
    time = serializers.DateTimeField(source="sent_at", allow_null=True)

    class Meta:
        model = ChatMessage
        fields = ["role", "text", "time"]
        read_only_fields = fields


class ContentItemDetailOutputSerializer(ContentItemOutputSerializer):
    messages = ChatMessageSerializer(many=True, help_text="A chat's transcript, in order; empty for others.")

    class Meta(ContentItemOutputSerializer.Meta):
        fields = [*ContentItemOutputSerializer.Meta.fields, "messages"]
        read_only_fields = fields


class ContentCreateInputSerializer(serializers.Serializer):
    """A post or an image; send multipart to upload the image."""

    persona = VisiblePersonaField(help_text="A persona you may change.")
    kind = serializers.ChoiceField(choices=PUBLISHED_KINDS)
    title = serializers.CharField(max_length=MAX_TITLE_LENGTH)
    body = serializers.CharField(max_length=MAX_BODY_LENGTH, required=False, allow_blank=True, default="")
    image = serializers.FileField(
        required=False, allow_null=True, help_text="JPEG, PNG, WebP or GIF; images only."
    )


@extend_schema_field(MESSAGES_SCHEMA)
class TranscriptField(JSONField):
    """The messages, checked by core.json_validation and read by content.transcripts."""

    def to_internal_value(self, data):
        return transcript_from_json(super().to_internal_value(data))


@extend_schema_field(OpenApiTypes.INT)
class OwnChatField(serializers.PrimaryKeyRelatedField):
    """One of the caller's own saved chats (anyone else's is as unknown as a missing one)."""

    def get_queryset(self):
        return chat_list_for(user=self.context["request"].user)


class ChatPublishInputSerializer(serializers.Serializer):
    chat = OwnChatField(help_text="One of your saved chats, with a persona you may change.")
    title = serializers.CharField(
        max_length=MAX_TITLE_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the chat's title.",
    )


class TranscriptImportInputSerializer(serializers.Serializer):
    persona = VisiblePersonaField(help_text="A persona you may change.")
    title = serializers.CharField(max_length=MAX_TITLE_LENGTH)
    body = serializers.CharField(
        max_length=MAX_BODY_LENGTH, required=False, allow_blank=True, default="", help_text="A description."
    )
    messages = TranscriptField()


class LikeOutputSerializer(serializers.Serializer):
    liked = serializers.BooleanField(help_text="Whether you like it now.")
    likes = serializers.IntegerField(help_text="Its counted likes now.")


class CommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(min_length=1, max_length=MAX_COMMENT_LENGTH)


class CommentHideInputSerializer(serializers.Serializer):
    hidden = serializers.BooleanField(default=True, help_text="false shows a hidden comment again.")


class CommentOutputSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username")
    hidden = serializers.BooleanField(source="is_hidden")
    counts = serializers.BooleanField(help_text="Counted for the persona: not its owner's, not hidden.")

    class Meta:
        model = ContentComment
        fields = ["id", "item", "author", "text", "created_at", "hidden", "counts"]
        read_only_fields = fields


class ShareLinkOutputSerializer(serializers.Serializer):
    url = serializers.URLField(
        help_text="Give it out: each visitor through it counts as a share, once a day."
    )
    created = serializers.BooleanField(help_text="Made now (a share), or made before.")


class DaySerializer(TotalsSerializer):
    day = serializers.DateField()


class PersonaContentMetricsSerializer(serializers.Serializer):
    persona = serializers.IntegerField()
    popularity_score = serializers.FloatField(
        help_text="0.2 × views + likes + 2 × comments + 3 × shares, over all its content."
    )
    engagement_score = serializers.FloatField(help_text="(likes + comments + shares) / (views + 10).")
    totals = TotalsSerializer()
    days = DaySerializer(many=True, help_text="The last 30 days that had counted interactions, oldest first.")
