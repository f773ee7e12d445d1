import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import JSONField
from core.models import OwnedModel, SoftDeletableModel, TimeStampedModel
from persona.validators import (
    validate_capabilities,
    validate_not_blank,
    validate_persona_image,
    validate_traits,
)

MIN_NAME_LENGTH = 3
# What people edit on a persona: in forms, the admin and the history timeline alike.
EDITABLE_FIELDS = (
    "name",
    "description",
    "image",
    "ai_link",
    "visibility",
    "status",
    "system_prompt",
    "personality_traits",
    "capabilities",
)


class Visibility(models.TextChoices):
    PRIVATE = "private", "Private"
    UNLISTED = "unlisted", "Unlisted (anyone with the link)"
    PUBLIC = "public", "Public"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


class DeleteReason(models.TextChoices):
    OUTDATED = "outdated", "Outdated"
    DUPLICATE = "duplicate", "Duplicate"
    TEST_DATA = "test_data", "Test data"
    OTHER = "other", "Other"


def _unguessable_path(folder: str, filename: str) -> str:
    """Media files are served by path, so a private persona's image must not sit at a guessable one."""
    return f"{folder}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


def image_upload_path(instance, filename: str) -> str:
    return _unguessable_path("personas", filename)


def thumbnail_upload_path(instance, filename: str) -> str:
    return _unguessable_path("personas/thumbs", filename)


class PersonaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(description__icontains=text))


class LivePersonaManager(models.Manager.from_queryset(PersonaQuerySet)):
    """Soft-deleted personas vanish from every ordinary query."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Persona(OwnedModel, SoftDeletableModel):
    name = models.CharField(max_length=100, validators=[validate_not_blank])
    slug = models.SlugField(max_length=120, unique=True, editable=False)
    description = models.TextField(max_length=5000, validators=[validate_not_blank])
    image = models.ImageField(upload_to=image_upload_path, blank=True, validators=[validate_persona_image])
    thumbnail = models.ImageField(upload_to=thumbnail_upload_path, blank=True, editable=False)
    ai_link = models.URLField(
        "AI link", blank=True, max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    system_prompt = models.TextField(blank=True, max_length=20000)
    personality_traits = JSONField(default=dict, blank=True, validators=[validate_traits])
    capabilities = JSONField(default=dict, blank=True, validators=[validate_capabilities])
    is_default = models.BooleanField(default=False)
    forked_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forks"
    )
    popularity_score = models.FloatField(default=0, db_index=True, editable=False)
    delete_reason = models.CharField(max_length=20, choices=DeleteReason.choices, blank=True, editable=False)
    delete_reason_detail = models.CharField(max_length=500, blank=True, editable=False)

    objects = LivePersonaManager()
    all_objects = PersonaQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["popularity_score"])

    class Meta:
        ordering = ["-created_at"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                Lower("name"), condition=Q(deleted_at__isnull=True), name="persona_unique_live_name"
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True, deleted_at__isnull=True),
                name="persona_single_default",
            ),
        ]
        indexes = [models.Index(fields=["visibility", "status"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("persona:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # The built-in default persona is called "Mu"; everyone else's names need 3 characters.
        if self.name and len(self.name.strip()) < MIN_NAME_LENGTH and not self.is_default:
            raise ValidationError({"name": f"The name needs at least {MIN_NAME_LENGTH} characters."})
        if self.name and self._name_taken():
            raise ValidationError({"name": "A persona with this name already exists."})

    def validate_constraints(self, exclude=None):
        # Name uniqueness is reported on the field by clean(); don't repeat it as a form-wide error.
        super().validate_constraints(exclude=set(exclude or ()) | {"name"})

    def _name_taken(self) -> bool:
        return Persona.objects.filter(name__iexact=self.name.strip()).exclude(pk=self.pk).exists()


class PersonaPrompt(TimeStampedModel):
    """One of a persona's own ordered prompts (conversation starters)."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="prompts")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200, validators=[validate_not_blank])
    text = models.TextField(max_length=10000, validators=[validate_not_blank])
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class PersonaSlugRedirect(models.Model):
    """A slug the persona had before a rename; old links keep working."""

    old_slug = models.SlugField(max_length=120, unique=True)
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="slug_redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.persona_id}"


class ShareRole(models.TextChoices):
    USE = "use", "Use (see and fork, not the system prompt)"
    EDIT = "edit", "Edit"


class PersonaShare(TimeStampedModel):
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_personas"
    )
    role = models.CharField(max_length=10, choices=ShareRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["persona", "user"], name="persona_share_once")]
        ordering = ["user__username"]

    def __str__(self):
        return f"{self.persona} → {self.user} ({self.role})"


class PersonaPreference(models.Model):
    """The persona a user prefers to talk to by default."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="persona_preference"
    )
    persona = models.ForeignKey(Persona, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user_id} prefers {self.persona_id}"
