"""What personas produce (chats, images, prompt answers, posts) and how people react to it: views, likes,
comments and share links. An item is visible to whoever may see its persona, nobody else
(content.selectors). What counts of the reactions is kept by metrics (PerformanceMetrics), fed by
content.services: never the persona owner's own views, likes and comments, never a hidden comment."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.models import TimeStampedModel
from core.uploads import ImageUploadField
from persona.models import Persona
from persona.validators import validate_not_blank
from prompts.models import Answer

MAX_TITLE_LENGTH = 200
MAX_BODY_LENGTH = 20000
MAX_MESSAGE_LENGTH = 10000
MAX_COMMENT_LENGTH = 2000


class ContentKind(models.TextChoices):
    CHAT = "chat", "Chat"
    IMAGE = "image", "Image"
    PROMPT_ANSWER = "prompt_answer", "Prompt answer"
    POST = "post", "Post"


# What people publish on the site and through the API; chats are imported, prompt answers publish themselves.
PUBLISHED_KINDS = [(ContentKind.POST.value, "Post"), (ContentKind.IMAGE.value, "Image")]


class ContentItem(TimeStampedModel):
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="content_items")
    kind = models.CharField(max_length=20, choices=ContentKind.choices)
    title = models.CharField(max_length=MAX_TITLE_LENGTH, validators=[validate_not_blank])
    body = models.TextField(
        max_length=MAX_BODY_LENGTH, blank=True, validators=[MaxLengthValidator(MAX_BODY_LENGTH)]
    )
    image = ImageUploadField(folder="content", blank=True)
    thumbnail = ImageUploadField(folder="content/thumbs", blank=True, editable=False)
    # A prompt answer's item follows its answer: published with it, edited with it, deleted with it.
    answer = models.OneToOneField(
        Answer, null=True, blank=True, editable=False, on_delete=models.CASCADE, related_name="content_item"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="content_items",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ContentKind.IMAGE) | ~Q(image=""), name="content_image_has_image"
            ),
            models.CheckConstraint(
                condition=Q(kind=ContentKind.PROMPT_ANSWER, answer__isnull=False)
                | (~Q(kind=ContentKind.PROMPT_ANSWER) & Q(answer__isnull=True)),
                name="content_answer_iff_prompt_answer",
            ),
        ]
        indexes = [
            # The feed and a persona's content, newest first, walked from a cursor.
            models.Index(F("created_at"), F("id"), name="content_created"),
            models.Index(F("persona"), F("created_at"), F("id"), name="content_persona_created"),
            # The media view finds the items showing a file by its name (core.uploads.views).
            models.Index(fields=["image"], name="content_image_idx"),
            models.Index(fields=["thumbnail"], name="content_thumbnail_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.kind == ContentKind.IMAGE and not self.image:
            raise ValidationError({"image": "An image item needs an image."})
        if self.kind == ContentKind.POST and not self.body.strip():
            raise ValidationError({"body": "A post needs some text."})


class ChatRole(models.TextChoices):
    USER = "user", "User"
    ASSISTANT = "assistant", "Assistant"
    SYSTEM = "system", "System"


class ChatMessage(models.Model):
    """One message of a chat item's transcript, in order."""

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="messages")
    position = models.PositiveIntegerField()
    role = models.CharField(max_length=10, choices=ChatRole.choices)
    text = models.TextField(max_length=MAX_MESSAGE_LENGTH)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["item", "position"], name="chat_message_position")]

    def __str__(self):
        return f"{self.item_id} #{self.position + 1} {self.role}"


def _once_a_day(target: str, name: str) -> list[models.UniqueConstraint]:
    """One row per target, visitor and day: a signed-in visitor by account, an anonymous one by session."""
    signed_in = Q(visitor__isnull=False)
    return [
        models.UniqueConstraint(fields=[target, "visitor", "day"], condition=signed_in, name=f"{name}_user"),
        models.UniqueConstraint(
            fields=[target, "session_key", "day"], condition=~signed_in, name=f"{name}_session"
        ),
        models.CheckConstraint(condition=signed_in | ~Q(session_key=""), name=f"{name}_has_visitor"),
    ]


class VisitorDay(models.Model):
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField(max_length=40, blank=True)
    day = models.DateField()

    class Meta:
        abstract = True


class ContentView(VisitorDay):
    """A counted view: once per viewer, item and day."""

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="views")

    class Meta:
        constraints = _once_a_day("item", "content_view_once")

    def __str__(self):
        return f"{self.visitor_id or 'anonymous'} viewed {self.item_id} on {self.day}"


class ContentLike(models.Model):
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="content_likes")
    # False for the persona owner's own like: it shows, and counts for nothing.
    counted = models.BooleanField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="content_like_once")]
        # "Most liked this week": the week's counted likes, by when they were made.
        indexes = [models.Index(F("created_at"), name="content_like_counted", condition=Q(counted=True))]

    def __str__(self):
        return f"{self.user_id} likes {self.item_id}"


class ContentComment(models.Model):
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="content_comments"
    )
    text = models.TextField(
        max_length=MAX_COMMENT_LENGTH, validators=[MaxLengthValidator(MAX_COMMENT_LENGTH), validate_not_blank]
    )
    # False for the persona owner's own comment: it shows, and counts for nothing.
    counted = models.BooleanField(editable=False)
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(F("item"), F("created_at"), F("id"), name="content_comment_item")]

    def __str__(self):
        return f"{self.author_id} on {self.item_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def counts(self) -> bool:
        return self.counted and not self.is_hidden


class ShareLink(models.Model):
    """A user's link to an item; creating it (once) and each visitor using it (once a day) are shares.
    A link grants nothing: whoever may not see the persona gets the same 404 through it."""

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="share_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "created_by"], name="share_link_once")]

    def __str__(self):
        return f"{self.created_by_id} shares {self.item_id}"

    def get_absolute_url(self):
        return reverse("content:share_link", kwargs={"token": self.token})


class ShareLinkUse(VisitorDay):
    """A counted use of a share link: once per visitor, link and day."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="uses")

    class Meta:
        constraints = _once_a_day("link", "share_link_use_once")

    def __str__(self):
        return f"{self.visitor_id or 'anonymous'} followed {self.link_id} on {self.day}"
