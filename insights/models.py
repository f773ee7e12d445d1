"""A persona's research side: who it stands for (ResearchProfile), what it needs (NeedsAnalysis, whose
document is insights.schema.NeedsDocument) and who did what with it (AuditEntry)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.fields import JSONField
from core.models import TimeStampedModel
from insights.schema import NeedsDocument, needs_document_parse
from insights.validators import validate_context, validate_tag_list

MAX_AGE = 120
BIG_FIVE_FIELDS = ("openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism")
HOFSTEDE_FIELDS = (
    "power_distance",
    "individualism",
    "masculinity",
    "uncertainty_avoidance",
    "long_term_orientation",
    "indulgence",
)
UNIT_VALIDATORS = [MinValueValidator(0.0), MaxValueValidator(1.0)]
# A generation marked running for longer than this was lost (a worker died): a new one may start.
GENERATION_STALE_AFTER = timedelta(minutes=15)


class EducationLevel(models.TextChoices):
    """Ordered from least to most schooling: compare uses the rank (`.values` order)."""

    NONE = "none", "No formal education"
    PRIMARY = "primary", "Primary school"
    SECONDARY = "secondary", "Secondary school"
    VOCATIONAL = "vocational", "Vocational training"
    BACHELOR = "bachelor", "Bachelor's degree"
    MASTER = "master", "Master's degree"
    DOCTORATE = "doctorate", "Doctorate"


class IncomeBracket(models.TextChoices):
    """Ordered from lowest to highest: compare uses the rank (`.values` order)."""

    LOW = "low", "Low"
    LOWER_MIDDLE = "lower_middle", "Lower middle"
    MIDDLE = "middle", "Middle"
    UPPER_MIDDLE = "upper_middle", "Upper middle"
    HIGH = "high", "High"


def _unit_field(label: str):
    return models.FloatField(label, null=True, blank=True, validators=UNIT_VALIDATORS, help_text="0 to 1.")


def _range_constraints() -> list[models.CheckConstraint]:
    unit = [
        models.CheckConstraint(
            condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0, f"{name}__lte": 1}),
            name=f"research_profile_{name}_0_1",
        )
        for name in BIG_FIVE_FIELDS + HOFSTEDE_FIELDS
    ]
    age = models.CheckConstraint(
        condition=Q(age__isnull=True) | Q(age__lte=MAX_AGE), name="research_profile_age_0_120"
    )
    return [age, *unit]


class ResearchProfile(TimeStampedModel):
    """Optional, one per persona: the segment member a persona stands for. Its history is the history of
    the persona's research profile; forks copy it (insights.handlers)."""

    persona = models.OneToOneField(
        "persona.Persona", on_delete=models.CASCADE, related_name="research_profile"
    )
    age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)], help_text="0 to 120."
    )
    gender = models.CharField(max_length=50, blank=True)
    location = models.CharField(max_length=200, blank=True)
    occupation = models.CharField(max_length=200, blank=True)
    education_level = models.CharField(max_length=20, choices=EducationLevel.choices, blank=True)
    income_bracket = models.CharField(max_length=20, choices=IncomeBracket.choices, blank=True)
    openness = _unit_field("Openness")
    conscientiousness = _unit_field("Conscientiousness")
    extraversion = _unit_field("Extraversion")
    agreeableness = _unit_field("Agreeableness")
    neuroticism = _unit_field("Neuroticism")
    power_distance = _unit_field("Power distance")
    individualism = _unit_field("Individualism")
    masculinity = _unit_field("Masculinity")
    uncertainty_avoidance = _unit_field("Uncertainty avoidance")
    long_term_orientation = _unit_field("Long-term orientation")
    indulgence = _unit_field("Indulgence")
    values = JSONField(default=list, blank=True, validators=[validate_tag_list])
    interests = JSONField(default=list, blank=True, validators=[validate_tag_list])
    background_story = models.TextField(max_length=10000, blank=True)
    segment_id = models.CharField("Segment id", max_length=100, blank=True)
    segment_name = models.CharField(max_length=200, blank=True)
    context = JSONField(
        default=dict, blank=True, validators=[validate_context], help_text="What the persona was made from."
    )
    history = HistoricalRecords()

    class Meta:
        constraints = _range_constraints()

    def __str__(self):
        return f"Research profile of persona {self.persona_id}"

    def clean(self):
        super().clean()
        # Validation skips empty values, and null is one: an absent list or context is an empty one.
        self.values = [] if self.values is None else self.values
        self.interests = [] if self.interests is None else self.interests
        self.context = {} if self.context is None else self.context

    @property
    def big_five(self) -> dict[str, float | None]:
        return {name: getattr(self, name) for name in BIG_FIVE_FIELDS}

    @property
    def hofstede(self) -> dict[str, float | None]:
        return {name: getattr(self, name) for name in HOFSTEDE_FIELDS}


class NeedsStatus(models.TextChoices):
    EMPTY = "empty", "Not generated yet"
    RUNNING = "running", "Generating"
    READY = "ready", "Ready"
    FAILED = "failed", "Last generation failed"


class NeedsAnalysis(TimeStampedModel):
    """The persona's needs and pains. One row per persona, also the generation lock: a generation marks
    it running under a row lock (insights.services.needs), so a second one is refused. A failed
    generation leaves `document` as it was and records the error."""

    persona = models.OneToOneField("persona.Persona", on_delete=models.CASCADE, related_name="needs_analysis")
    document = JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=NeedsStatus.choices, default=NeedsStatus.EMPTY)
    generator = models.CharField(
        max_length=200, blank=True, help_text='"offline", "llm:<model>", or "manual" for a hand edit.'
    )
    generated_at = models.DateTimeField(null=True, blank=True)
    # The newest answer or chat reply the document was made from: newer ones make it out of date.
    sources_seen_until = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    task_id = models.CharField(max_length=100, blank=True, editable=False)
    last_error = models.CharField(max_length=1000, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "needs analyses"

    def __str__(self):
        return f"Needs of persona {self.persona_id}"

    def clean(self):
        super().clean()
        if self.document:
            try:
                needs_document_parse(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error.messages}) from None

    @property
    def needs(self) -> NeedsDocument:
        """The parsed document (empty lists when nothing was generated), with its computed scores."""
        return NeedsDocument.model_validate(self.document or {})

    @property
    def has_document(self) -> bool:
        return bool(self.document)

    def is_running(self, *, now) -> bool:
        return (
            self.status == NeedsStatus.RUNNING
            and self.started_at is not None
            and now - self.started_at < GENERATION_STALE_AFTER
        )


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    EXPORT = "export", "Exported"
    COMPARE = "compare", "Compared"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    RESTORE = "restore", "Restored"
    FORK = "fork", "Forked"
    GENERATE = "generate", "Generated needs"
    MESSAGING = "messaging", "Generated messaging"


class AuditEntry(models.Model):
    """Who did what with a persona, when, and from where. Written by insights.services.audit_record, which
    never breaks the action; IP address and user agent are erased after AUDIT_NETWORK_DATA_DAYS."""

    persona = models.ForeignKey("persona.Persona", on_delete=models.CASCADE, related_name="audit_entries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    details = JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["persona", "-created_at", "-id"], name="audit_persona_recent"),
            models.Index(
                fields=["created_at"],
                name="audit_network_data_kept",
                condition=Q(ip_address__isnull=False) | ~Q(user_agent=""),
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} persona {self.persona_id}"
