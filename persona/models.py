from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core import names
from core.fields import JSONField
from core.models import OwnedModel, SoftDeletableModel, TimeStampedModel
from core.uploads import ImageUploadField
from persona.search import search_personas
from persona.validators import (
    MAX_GREETING_LENGTH,
    validate_alternate_greetings,
    validate_capabilities,
    validate_not_blank,
    validate_traits,
)

MIN_NAME_LENGTH = 3
OWN_NAME_TAKEN = "You already have a persona with this name (or one that looks the same)."
PUBLIC_NAME_TAKEN = "A public persona already has this name (or one that looks the same); choose another."
# What people edit on a persona: in forms, the admin and the history timeline alike.
EDITABLE_FIELDS = (
    "name",
    "description",
    "image",
    "ai_link",
    "visibility",
    "definitions_hidden",
    "status",
    "greeting",
    "alternate_greetings",
    "system_prompt",
    "scenario",
    "example_dialogue",
    "personality_traits",
    "capabilities",
)
# The definitions: what a model is told the persona is. Its owner may keep them to its editors
# (`definitions_hidden`, rules.can_view_definitions); chat reads them through
# selectors.persona_definitions_for_chat. The greetings are not among them: every chat opens with one.
DEFINITION_FIELDS = ("system_prompt", "scenario", "example_dialogue")


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


def _unique_name_constraints(key: str) -> list[models.UniqueConstraint]:
    live = Q(deleted_at__isnull=True)
    return [
        models.UniqueConstraint(fields=["owner", key], condition=live, name=f"persona_{key}_per_owner"),
        models.UniqueConstraint(
            fields=[key], condition=live & Q(visibility=Visibility.PUBLIC), name=f"persona_{key}_public"
        ),
    ]


def _list_indexes() -> list[models.Index]:
    """One index per list order (with the id that breaks ties), so a list walks an index from its
    cursor instead of sorting every match: over live personas for signed-in lists (their own and shared
    ones are in there too), and over live public ones, what everyone else sees, for the two main orders."""
    live = Q(deleted_at__isnull=True)
    public = live & Q(visibility=Visibility.PUBLIC)
    orders = {"created": [F("created_at")], "popular": [F("popularity_score")], "updated": [F("updated_at")]}
    orders["name"] = [Lower("name")]
    indexes = [
        models.Index(*keys, F("id"), name=f"persona_live_{order}", condition=live)
        for order, keys in orders.items()
    ]
    indexes += [
        models.Index(*orders[order], F("id"), name=f"persona_public_{order}", condition=public)
        for order in ("created", "popular")
    ]
    return [
        *indexes,
        models.Index(F("owner"), F("created_at"), F("id"), name="persona_owner_created", condition=live),
    ]


class PersonaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def search(self, text: str, *, by_relevance: bool = True):
        """Personas whose name, description, tags or owner's username match `text` (persona.search),
        annotated with `search_rank`; ordered by it unless `by_relevance` is False because the caller
        orders them. By relevance, filter first: the candidates ranked are this queryset's matches."""
        text = text.strip()
        if not text:
            return self
        return search_personas(self, text, by_relevance=by_relevance)


class LivePersonaManager(models.Manager.from_queryset(PersonaQuerySet)):
    """Soft-deleted personas vanish from every ordinary query."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Persona(OwnedModel, SoftDeletableModel):
    name = models.CharField(max_length=100, validators=[validate_not_blank, names.validate_name_characters])
    # How the name looks, for uniqueness (see core.names); derived from `name` on every save.
    name_key = models.CharField(max_length=400, editable=False, default="")
    name_shape_key = models.CharField(max_length=400, editable=False, default="")
    slug = models.SlugField(max_length=120, unique=True, editable=False)
    description = models.TextField(max_length=5000, validators=[validate_not_blank])
    image = ImageUploadField(folder="personas", blank=True)
    thumbnail = ImageUploadField(folder="personas/thumbs", blank=True, editable=False)
    ai_link = models.URLField(
        "AI link", blank=True, max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    definitions_hidden = models.BooleanField("Hide the definitions", default=False)
    greeting = models.TextField(blank=True, max_length=MAX_GREETING_LENGTH)
    alternate_greetings = JSONField(default=list, blank=True, validators=[validate_alternate_greetings])
    system_prompt = models.TextField(blank=True, max_length=20000)
    scenario = models.TextField(blank=True, max_length=10000)
    example_dialogue = models.TextField(blank=True, max_length=20000)
    personality_traits = JSONField(default=dict, blank=True, validators=[validate_traits])
    capabilities = JSONField(default=dict, blank=True, validators=[validate_capabilities])
    is_default = models.BooleanField(default=False)
    forked_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forks"
    )
    popularity_score = models.FloatField(default=0, editable=False)
    delete_reason = models.CharField(max_length=20, choices=DeleteReason.choices, blank=True, editable=False)
    delete_reason_detail = models.CharField(max_length=500, blank=True, editable=False)
    # Name, owner's username, tags and description, weighted, for full-text search. PostgreSQL keeps it up
    # to date with triggers, for every write path including bulk SQL (migrations 0009, 0011); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # Lower-case labels (persona.tags normalizes them), through an indexed table of our own rather than
    # taggit's generic one, so filtering by tag is a plain join on integer keys (see PersonaTag).
    tags = TaggableManager(through="PersonaTag", blank=True, help_text="Labels people find it by.")

    objects = LivePersonaManager()
    all_objects = PersonaQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["popularity_score", "name_key", "name_shape_key", "search_vector"]
    )

    class Meta:
        ordering = ["-created_at"]
        base_manager_name = "all_objects"
        constraints = [
            *_unique_name_constraints("name_key"),
            *_unique_name_constraints("name_shape_key"),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True, deleted_at__isnull=True),
                name="persona_single_default",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "status"]),
            # The media view finds the personas showing a file by its name (core.uploads.views).
            models.Index(fields=["image"], name="persona_image_idx"),
            models.Index(fields=["thumbnail"], name="persona_thumbnail_idx"),
            *_list_indexes(),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("persona:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.name = names.name_normalize(self.name or "")
        # The built-in default persona is called "Mu"; everyone else's names need 3 characters.
        if self.name and len(self.name) < MIN_NAME_LENGTH and not self.is_default:
            raise ValidationError({"name": f"The name needs at least {MIN_NAME_LENGTH} characters."})
        clash = self.name_clash() if self.name else None
        if clash:
            raise ValidationError({"name": clash})

    def validate_constraints(self, exclude=None):
        # Name uniqueness is reported on the field by clean(); don't repeat it as a form-wide error.
        super().validate_constraints(exclude=set(exclude or ()) | {"name", "name_key", "name_shape_key"})

    def save(self, *args, **kwargs):
        self.name_key, self.name_shape_key = names.name_key(self.name), names.name_shape_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "name_shape_key"}
        super().save(*args, **kwargs)

    def name_clash(self) -> str | None:
        """Why this name may not be used, or None. Names are unique per owner, and among public personas
        site-wide (nobody impersonates one); others' private and unlisted personas never count, so the
        answer reveals nothing about them."""
        looks_the_same = Q(name_key=names.name_key(self.name)) | Q(
            name_shape_key=names.name_shape_key(self.name)
        )
        others = Persona.objects.filter(looks_the_same).exclude(pk=self.pk)
        if others.filter(owner_id=self.owner_id).exists():
            return OWN_NAME_TAKEN
        if self.visibility == Visibility.PUBLIC and others.filter(visibility=Visibility.PUBLIC).exists():
            return PUBLIC_NAME_TAKEN
        return None


class PersonaTag(TaggedItemBase):
    """One tag on one persona. The list filter walks (tag, persona) to the personas of a tag; the unique
    (persona, tag) pair serves a persona's own tags and keeps a tag from being added twice."""

    content_object = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="persona_tag_once"),
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="persona_tag_personas")]


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
    USE = "use", "Use (see and fork; not the system prompt, scenario or example dialogue)"
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


class PersonaUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's rows for personas, keyed by the persona's id (not the generic table's text key),
    and only for shares: an owner's rights follow from `owner_id` and have no rows."""

    content_object = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="user_permission_rows")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "persona user permission"


class PersonaGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="group_permission_rows"
    )

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "persona group permission"
