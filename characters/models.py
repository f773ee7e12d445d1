"""Characters: visual and chat characters that personas can be based on, in projects, with styles,
reference images, a tag tree and a training profile (their embedding, for "similar characters")."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from characters.cards.limits import CardLimits
from core import names
from core.fields import JSONField
from core.models import TimeStampedModel
from core.uploads import ImageUploadField
from persona.validators import validate_not_blank

MAX_ALT_TEXT = 150
NAME_TAKEN = "A character with this name already exists (names are unique, whatever their case)."


def validate_string_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("Give a list of texts.")


def card_file_name(instance, filename: str) -> str:
    """The original card file under a name of ours; its extension says which kind it was."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    extension = extension if extension in ("json", "png", "charx", "zip") else "bin"
    return f"character_cards/{uuid.uuid4().hex}.{extension}"


class MemberRole(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    EDITOR = "editor", "Editor"


class Project(TimeStampedModel):
    """A workspace of characters; its members see its private characters, editors change them."""

    name = models.CharField(max_length=100, validators=[validate_not_blank])
    slug = models.SlugField(max_length=120, unique=True, editable=False)
    description = models.TextField(max_length=5000, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ProjectMembership", related_name="character_projects"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("characters:project_detail", kwargs={"slug": self.slug})


class ProjectMembership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.VIEWER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="project_member_once")]
        indexes = [models.Index(fields=["user", "project"], name="project_member_by_user")]

    def __str__(self):
        return f"{self.user_id} in {self.project_id} ({self.role})"


class Tag(models.Model):
    name = models.CharField(max_length=60, validators=[validate_not_blank])
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.CharField(max_length=500, blank=True)
    color = models.CharField(max_length=7, blank=True, help_text="A colour such as #4f46e5.", validators=[])
    icon = models.CharField(max_length=40, blank=True, help_text="An emoji or a short icon name.")

    class Meta:
        ordering = [Lower("name")]
        constraints = [models.UniqueConstraint(Lower("name"), name="character_tag_name_ci")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.name = names.name_normalize(self.name or "")
        if self.color and not _is_hex_colour(self.color):
            raise ValidationError({"color": "Give a colour as # and six hex digits, such as #4f46e5."})
        if self.name and Tag.objects.filter(name__iexact=self.name).exclude(pk=self.pk).exists():
            raise ValidationError({"name": "A tag with this name already exists (whatever its case)."})
        self._refuse_cycle()

    def ancestors(self) -> list["Tag"]:
        """The tags above this one, nearest first (the tree is shallow: one query per level)."""
        found, ancestor = [], self.parent
        while ancestor is not None and ancestor not in found:
            found.append(ancestor)
            ancestor = ancestor.parent
        return found

    def _refuse_cycle(self) -> None:
        """A tag may not sit under itself or under one of its own descendants."""
        seen, ancestor = set(), self.parent
        while ancestor is not None:
            if (ancestor.pk == self.pk and self.pk is not None) or ancestor.pk in seen:
                raise ValidationError({"parent": "A tag cannot sit under itself or one of its descendants."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) | {"name"})


def _is_hex_colour(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])


class CharacterQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


# The chat definitions a character carries, in the order forms and the API show them (Character Card
# fields under our names: first_mes is the greeting, mes_example the example messages).
CHAT_TEXT_FIELDS = (
    "personality",
    "scenario",
    "greeting",
    "example_messages",
    "creator_notes",
    "system_prompt",
    "post_history_instructions",
)
CARD_IDENTITY_FIELDS = ("creator", "character_version", "nickname")


class CharacterProfile(TimeStampedModel):
    name = models.CharField(max_length=100, validators=[validate_not_blank, names.validate_name_characters])
    slug = models.SlugField(max_length=120, unique=True, editable=False)
    description = models.TextField(max_length=20000, blank=True)
    backstory = models.TextField(max_length=20000, blank=True)
    personality_traits = JSONField(default=list, blank=True, validators=[validate_string_list])
    is_public = models.BooleanField("Public", default=False)
    is_featured = models.BooleanField("Featured", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="created_characters"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    projects = models.ManyToManyField(Project, blank=True, related_name="characters")
    style_presets = models.ManyToManyField("prompts.PromptHelper", blank=True, related_name="characters")
    tags = models.ManyToManyField(Tag, blank=True, related_name="characters")
    forked_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forks"
    )
    # The Character Card fields with a place of their own (characters.services.card_mapping).
    personality = models.TextField(max_length=20000, blank=True)
    scenario = models.TextField(max_length=20000, blank=True)
    greeting = models.TextField(max_length=20000, blank=True)
    example_messages = models.TextField(max_length=50000, blank=True)
    creator_notes = models.TextField(max_length=50000, blank=True)
    system_prompt = models.TextField(max_length=20000, blank=True)
    post_history_instructions = models.TextField(max_length=20000, blank=True)
    alternate_greetings = JSONField(default=list, blank=True, validators=[validate_string_list])
    group_only_greetings = JSONField(default=list, blank=True, validators=[validate_string_list])
    creator = models.CharField(max_length=200, blank=True)
    character_version = models.CharField(max_length=100, blank=True)
    nickname = models.CharField(max_length=200, blank=True)
    card_source = JSONField(default=list, blank=True, validators=[validate_string_list])
    card_created_at = models.BigIntegerField(null=True, blank=True, help_text="Unix time, from the card.")
    card_modified_at = models.BigIntegerField(null=True, blank=True, help_text="Unix time, from the card.")
    # Everything else a card brought (extensions, the character book, unknown keys): exports give it back.
    # Lorebooks run to hundreds of kilobytes, so the cap is a card's own (the largest card JSON read).
    card_extra = JSONField(default=dict, blank=True, max_bytes=CardLimits.max_card_bytes)
    card_file = models.FileField(upload_to=card_file_name, blank=True, editable=False)

    objects = CharacterQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_featured", Lower("name"), "id"]
        constraints = [models.UniqueConstraint(Lower("name"), name="character_name_ci")]
        indexes = [models.Index(fields=["is_public", "is_featured"], name="character_listing")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("characters:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.name = names.name_normalize(self.name or "")
        taken = CharacterProfile.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
        if self.name and taken.exists():
            raise ValidationError({"name": NAME_TAKEN})

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) | {"name"})


class CharacterSlugRedirect(models.Model):
    """A slug the character had before a rename; old links keep working."""

    old_slug = models.SlugField(max_length=120, unique=True)
    character = models.ForeignKey(CharacterProfile, on_delete=models.CASCADE, related_name="slug_redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.character_id}"


class ReferenceImage(TimeStampedModel):
    character = models.ForeignKey(CharacterProfile, on_delete=models.CASCADE, related_name="images")
    image = ImageUploadField(folder="characters/images")
    thumbnail = ImageUploadField(folder="characters/thumbs", blank=True, editable=False)
    web_image = ImageUploadField(folder="characters/web", blank=True, editable=False)
    caption = models.CharField(max_length=500, blank=True)
    alt_text = models.CharField(max_length=MAX_ALT_TEXT, validators=[validate_not_blank])
    tags = models.ManyToManyField(Tag, blank=True, related_name="images")
    style = models.ForeignKey(
        "prompts.PromptHelper", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    is_primary = models.BooleanField("Primary", default=False)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    format = models.CharField(max_length=10, blank=True, editable=False)
    bytes = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["character"], condition=Q(is_primary=True), name="character_single_primary_image"
            )
        ]
        indexes = [
            models.Index(fields=["image"], name="character_image_file"),
            models.Index(fields=["thumbnail"], name="character_thumb_file"),
            models.Index(fields=["web_image"], name="character_web_file"),
        ]

    def __str__(self):
        return self.alt_text

    def validate_constraints(self, exclude=None):
        # The service switches the primary itself; the database refuses a second one regardless.
        super().validate_constraints(exclude=set(exclude or ()) | {"is_primary"})


class CharacterStyle(models.Model):
    character = models.ForeignKey(CharacterProfile, on_delete=models.CASCADE, related_name="styles")
    name = models.CharField("Style name", max_length=100, db_index=True, validators=[validate_not_blank])
    prompt_helper = models.ForeignKey(
        "prompts.PromptHelper", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    prompt = models.TextField(max_length=5000, blank=True)
    negative_prompt = models.TextField(max_length=5000, blank=True)
    reference_image = models.ForeignKey(
        ReferenceImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not (self.prompt or "").strip() and self.prompt_helper_id is None:
            raise ValidationError({"prompt": "Write a prompt or choose a prompt helper."})
        if not (self.negative_prompt or "").strip() and self.prompt_helper_id is not None:
            self.negative_prompt = self.prompt_helper.negative_prompt
        if self.reference_image_id and self.reference_image.character_id != self.character_id:
            raise ValidationError({"reference_image": "Choose one of this character's own images."})


class TrainingStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    TRAINING = "training", "Training"
    COMPLETE = "complete", "Complete"
    FAILED = "failed", "Failed"


class TrainingProfile(models.Model):
    character = models.OneToOneField(CharacterProfile, on_delete=models.CASCADE, related_name="training")
    status = models.CharField(max_length=10, choices=TrainingStatus.choices, default=TrainingStatus.PENDING)
    task_id = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    log = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    embedding = JSONField(null=True, blank=True)
    embedding_method = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Training of {self.character_id}: {self.status}"


class CharacterPersona(models.Model):
    """A persona based on a character. The link lives here: persona knows nothing of characters."""

    persona = models.OneToOneField("persona.Persona", on_delete=models.CASCADE, related_name="character_link")
    character = models.ForeignKey(CharacterProfile, on_delete=models.CASCADE, related_name="persona_links")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.persona_id} from {self.character_id}"
