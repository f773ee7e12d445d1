"""Skills and attributes, a persona's XP and levels, tutorial tiers, quests and achievements.

Tutorial tiers live here, in one place: every persona starts each attribute at T10 Stone, and completing
that attribute's tutorial quests moves it to T9 Wood, T8 Paper and finally "eligible", after which the
rated tiers (T7..T1) of `metrics/` take over.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from leveling.xp import MAX_LEVEL
from persona.models import Persona


class TutorialTier(models.IntegerChoices):
    STONE = 10, "T10 Stone"
    WOOD = 9, "T9 Wood"
    PAPER = 8, "T8 Paper"
    ELIGIBLE = 7, "Eligible for rated tiers"


class Attribute(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Skill(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.PROTECT, related_name="skills")
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["attribute__order", "order", "name"]

    def __str__(self):
        return self.name


class PersonaSkill(models.Model):
    """XP and level of one persona in one skill; `level` always equals `level_for_xp(xp)`."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="skill_levels")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="persona_skills")
    xp = models.BigIntegerField(default=0, validators=[MinValueValidator(0)])
    level = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["persona", "skill"], name="persona_skill_once")]
        ordering = ["skill__attribute__order", "skill__order", "skill__name"]

    def __str__(self):
        return f"{self.persona_id} {self.skill}: level {self.level}"


class XpEvent(models.Model):
    """Every XP gain, for the XP-over-time chart and an audit trail."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="xp_events")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    xp = models.BigIntegerField()
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"+{self.xp} {self.skill} ({self.reason})"


class TutorialProgress(models.Model):
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="tutorial_tiers")
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="+")
    tier = models.PositiveSmallIntegerField(choices=TutorialTier.choices, default=TutorialTier.STONE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "attribute"], name="tutorial_progress_once")
        ]
        ordering = ["attribute__order"]
        verbose_name_plural = "tutorial progress"

    def __str__(self):
        return f"{self.persona_id} {self.attribute}: {self.get_tier_display()}"


class Quest(models.Model):
    """A tutorial quest: complete its ordered steps to move an attribute from `tier_from` to `tier_to`."""

    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="quests")
    tier_from = models.PositiveSmallIntegerField(choices=TutorialTier.choices)
    tier_to = models.PositiveSmallIntegerField(choices=TutorialTier.choices)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["attribute__order", "-tier_from"]
        constraints = [
            models.UniqueConstraint(fields=["attribute", "tier_from"], name="quest_one_per_tier"),
            models.CheckConstraint(
                condition=models.Q(tier_to__lt=models.F("tier_from")), name="quest_climbs"
            ),
        ]

    def __str__(self):
        return self.title


class StepKind(models.TextChoices):
    ANSWER_COUNT = "answer_count", "Answer prompts assessing this attribute"
    SKILL_LEVEL = "skill_level", "Reach a level in a skill"


class QuestStep(models.Model):
    quest = models.ForeignKey(Quest, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    skill = models.ForeignKey(Skill, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["quest", "order", "id"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind == StepKind.SKILL_LEVEL and self.skill_id is None:
            raise ValidationError({"skill": "A skill-level step names its skill."})
        if self.kind == StepKind.SKILL_LEVEL and self.target > MAX_LEVEL:
            raise ValidationError({"target": f"Levels stop at {MAX_LEVEL}."})

    @property
    def label(self) -> str:
        if self.kind == StepKind.SKILL_LEVEL:
            return f"Reach level {self.target} in {self.skill}"
        noun = "prompt" if self.target == 1 else "prompts"
        return f"Answer {self.target} {noun} assessing {self.quest.attribute}"


class PersonaQuestProgress(models.Model):
    """Where a persona stands in a quest: steps before `step_index` are done, the current one has
    `step_progress` of its target. Steps run in order; `completed_at` is set after the last one."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="quest_progress")
    quest = models.ForeignKey(Quest, on_delete=models.CASCADE, related_name="+")
    step_index = models.PositiveSmallIntegerField(default=0)
    step_progress = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["persona", "quest"], name="quest_progress_once")]
        ordering = ["quest__attribute__order", "-quest__tier_from"]
        verbose_name_plural = "persona quest progress"

    def __str__(self):
        return f"{self.persona_id} {self.quest}"


class Achievement(models.Model):
    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    points = models.PositiveIntegerField(default=10)
    icon = models.CharField(max_length=8, help_text="An emoji shown next to the name.")
    criteria = models.CharField(max_length=300, help_text="When it is awarded, in words.")

    class Meta:
        ordering = ["points", "name"]

    def __str__(self):
        return self.name


class PersonaAchievement(models.Model):
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="achievements")
    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="awards")
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "achievement"], name="achievement_awarded_once")
        ]
        ordering = ["-awarded_at", "-id"]

    def __str__(self):
        return f"{self.persona_id}: {self.achievement}"
