"""Prompts that assess skills, personas' answers to them, and reviewers' skill scores.

Rules (enforced in services): one answer per persona and prompt; its author may edit it for
PROMPTS_ANSWER_EDIT_WINDOW (15 minutes) and only while nobody has scored it. One score per answer, skill
and scorer; every score adds XP.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
)
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from leveling.models import Skill, TutorialTier
from persona.models import Persona
from persona.validators import validate_not_blank

LOWEST_TIER, HIGHEST_TIER = 10, 1
MAX_ANSWER_LENGTH = 10000
MAX_MODEL_NAME_LENGTH = 200
TIER_VALIDATORS = [MinValueValidator(HIGHEST_TIER), MaxValueValidator(LOWEST_TIER)]


class PromptQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def suited_to_tier(self, tier: int):
        """Tiers are numbered T10 (lowest) to T1 (highest); a prompt suits tier_highest..tier_lowest."""
        return self.filter(tier_highest__lte=tier, tier_lowest__gte=tier)


class Prompt(TimeStampedModel):
    title = models.CharField(max_length=200, validators=[validate_not_blank])
    text = models.TextField(max_length=10000, validators=[MaxLengthValidator(10000), validate_not_blank])
    difficulty = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="1 (easy) to 5 (hard)."
    )
    tier_lowest = models.PositiveSmallIntegerField(
        default=TutorialTier.STONE,
        validators=TIER_VALIDATORS,
        help_text="The lowest tier it suits (10 = T10).",
    )
    tier_highest = models.PositiveSmallIntegerField(
        default=HIGHEST_TIER, validators=TIER_VALIDATORS, help_text="The highest tier it suits (1 = T1)."
    )
    is_active = models.BooleanField(default=True)
    is_tutorial = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="prompts"
    )
    skills = models.ManyToManyField(Skill, through="PromptSkill", related_name="prompts")
    history = HistoricalRecords()

    objects = PromptQuerySet.as_manager()

    class Meta:
        ordering = ["difficulty", "title", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("prompts:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        both = self.tier_lowest is not None and self.tier_highest is not None
        if both and self.tier_highest > self.tier_lowest:
            raise ValidationError(
                {"tier_highest": "The highest tier cannot be below the lowest (T1 is the top)."}
            )


class PromptSkill(models.Model):
    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="prompt_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="prompt_skills")
    weight = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("3.0"))],
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prompt", "skill"], name="prompt_skill_once")]
        ordering = ["skill__attribute__order", "skill__order"]

    def __str__(self):
        return f"{self.skill} ×{self.weight}"


class Answer(models.Model):
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="answers")
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(
        max_length=MAX_ANSWER_LENGTH,
        validators=[MinLengthValidator(1), MaxLengthValidator(MAX_ANSWER_LENGTH), validate_not_blank],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="prompt_answers"
    )
    draft_model = models.CharField(
        max_length=MAX_MODEL_NAME_LENGTH,
        blank=True,
        default="",
        editable=False,
        help_text="The language model that drafted the answer its author then submitted; empty when typed.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["persona", "prompt"], name="answer_once_per_prompt")]

    def __str__(self):
        return f"{self.persona} → {self.prompt}"

    def get_absolute_url(self):
        return reverse("prompts:answer", kwargs={"pk": self.pk})

    @property
    def is_drafted(self) -> bool:
        return bool(self.draft_model)

    def validate_constraints(self, exclude=None):
        # The duplicate rule is reported on the prompt field by the service, not as a form-wide error.
        super().validate_constraints(exclude=set(exclude or ()) | {"prompt", "persona"})


MAX_SCORE_COMMENT_LENGTH = 1000


class SkillScore(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="scores")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(10)])
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="skill_scores"
    )
    xp_awarded = models.PositiveIntegerField(default=0, editable=False)
    # Why this score, in the reviewer's words: for the persona's owner and editors (rules).
    comment = models.TextField(blank=True, default="", max_length=MAX_SCORE_COMMENT_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "skill", "scorer"], name="skill_score_once"),
            models.CheckConstraint(condition=models.Q(score__lte=10), name="skill_score_at_most_10"),
        ]

    def __str__(self):
        return f"{self.skill}: {self.score}/10"


class PromptHelper(TimeStampedModel):
    """A reusable style preset for pictures of characters: a prompt and what to avoid."""

    name = models.CharField(max_length=100, unique=True, validators=[validate_not_blank])
    prompt = models.TextField(max_length=5000, validators=[validate_not_blank])
    negative_prompt = models.TextField(max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
