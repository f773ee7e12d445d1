"""Ratings and standings per persona and attribute, their daily history, tier changes, the interactions
that feed points, how content performs, and the proposals ranked personas vote on."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from core.fields import JSONField
from leveling.models import Attribute
from metrics.tiers import Tier
from persona.models import Persona

RATED_TIERS = [(tier.value, tier.label) for tier in Tier if tier <= Tier.BRONZE]


class Standing(models.Model):
    """A persona's rating in one attribute, the evidence behind it, and its stored place: a band
    (T7-T5) or a ranked tier with its exact rank (T4-T1), or none (the tutorial's tier, or waiting at
    Paper). Ratings change live; `tier` and `rank` change in the daily recalculation only."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="standings")
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="+")
    rating = models.FloatField(default=0)
    rated_at = models.DateTimeField(null=True, blank=True, help_text="When the rating took its value.")
    quality = models.FloatField(default=0, help_text="Lower bound on answer quality, 0-10.")
    evidence = models.FloatField(default=0, help_text="Scored answers, each counted by its reviewers.")
    answers = models.PositiveIntegerField(default=0)
    reviewers = models.PositiveIntegerField(default=0, help_text="Distinct reviewers of those answers.")
    level = models.PositiveSmallIntegerField(default=1)
    points = models.FloatField(default=0, help_text="Achievement points and interactions.")
    last_active_at = models.DateTimeField(null=True, blank=True)
    eligible = models.BooleanField(default=False, help_text="May take a place on the boards.")
    tier = models.PositiveSmallIntegerField(choices=RATED_TIERS, null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True, help_text="Exact rank, T4-T1 only.")
    tier_since = models.DateTimeField(null=True, blank=True)
    # The day of the latest snapshot: the daily recalculation compares with it to write a snapshot only
    # when the rating, tier or rank moved since.
    snapshot_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "attribute"], name="standing_once"),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(tier__lte=Tier.WATCHERS), name="standing_rank_only_ranked"
            ),
        ]
        indexes = [
            # Boards and ladders: one tier of one attribute in board order.
            models.Index(
                F("attribute"),
                F("tier"),
                F("rating").desc(),
                F("rated_at"),
                F("persona"),
                name="standing_board",
            ),
            # Live positions without Redis: eligible personas of an attribute above a rating.
            models.Index(
                F("attribute"), F("rating").desc(), name="standing_live", condition=Q(eligible=True)
            ),
        ]

    def __str__(self):
        return f"{self.persona_id} {self.attribute}: {self.rating:.2f}"


class StandingSnapshot(models.Model):
    """A persona's rating, tier and rank in an attribute on a day it changed: history without a row
    per persona per day."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="standing_snapshots")
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    rating = models.FloatField()
    tier = models.PositiveSmallIntegerField(choices=Tier.choices)
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "attribute", "day"], name="standing_snapshot_once")
        ]
        ordering = ["day"]

    def __str__(self):
        return f"{self.persona_id} {self.attribute} {self.day}: {self.rating:.2f}"


class TierEvent(models.Model):
    """A tier change made by the daily recalculation (promotion, demotion, a band move)."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="tier_events")
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    from_tier = models.PositiveSmallIntegerField(choices=Tier.choices)
    to_tier = models.PositiveSmallIntegerField(choices=Tier.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "attribute", "day"], name="tier_event_once_a_day")
        ]
        # The daily recalculation reads and tidies one attribute's events of one day.
        indexes = [models.Index(fields=["attribute", "day"], name="tier_event_attribute_day")]
        ordering = ["-day", "-id"]

    def __str__(self):
        return f"{self.persona_id} {self.attribute} {self.day}: T{self.from_tier} → T{self.to_tier}"

    @property
    def is_promotion(self) -> bool:
        return self.to_tier < self.from_tier


class InteractionKind(models.TextChoices):
    VIEW = "view", "View"
    LIKE = "like", "Like"
    COMMENT = "comment", "Comment"
    SHARE = "share", "Share"


class InteractionTally(models.Model):
    """How often one person interacted with a persona, by kind. Points count each person at most
    `interaction_cap` times per kind, so many clicks from one account add little."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="interaction_tallies")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=InteractionKind.choices)
    count = models.PositiveIntegerField(default=0)
    first_at = models.DateTimeField(auto_now_add=True)
    last_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "actor", "kind"], name="interaction_tally_once")
        ]

    def __str__(self):
        return f"{self.actor_id} {self.kind} {self.persona_id} ×{self.count}"


def _engagement_rate():
    """(likes + comments + shares) / views, 0 with no views (metrics.engagement)."""
    reactions = Cast(F("likes") + F("comments") + F("shares"), FloatField())
    return Case(When(views=0, then=Value(0.0)), default=reactions / F("views"), output_field=FloatField())


class InteractionCounts(models.Model):
    """Counted interactions with content (never the owner's own, nor hidden comments). The database
    computes the engagement rate on every write, so it can never disagree with the counts."""

    views = models.PositiveIntegerField(default=0)
    likes = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    shares = models.PositiveIntegerField(default=0)
    engagement_rate = models.GeneratedField(
        expression=_engagement_rate(), output_field=FloatField(), db_persist=True
    )

    class Meta:
        abstract = True


class PerformanceMetrics(InteractionCounts):
    """How one content item performs. metrics knows the item by its id only: content/ depends on
    metrics, never the other way round, and forgets the row when it deletes the item."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="performance_metrics")
    item_id = models.PositiveBigIntegerField(unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "performance metrics"

    def __str__(self):
        return f"item {self.item_id}: {self.views} views, {self.likes} likes"


class InteractionMetrics(InteractionCounts):
    """A persona's counted interactions on one day, for trends. A like taken back or a comment hidden
    later comes off the day it was made, so the days add up to what still counts; a deleted item's
    days stay, since they happened."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="interaction_metrics")
    day = models.DateField()

    class Meta:
        verbose_name = verbose_name_plural = "interaction metrics"
        constraints = [models.UniqueConstraint(fields=["persona", "day"], name="interaction_metrics_once")]
        ordering = ["day"]

    def __str__(self):
        return f"{self.persona_id} {self.day}: {self.views} views, {self.likes} likes"


class FactsDue(models.Model):
    """A persona whose rating facts changed where the live rating could not follow (a score deleted, on
    its own or with its answer or persona): the next daily run of every attribute recomputes its facts
    from the scores, whatever today's reconciled slice (metrics.services.rate_sql)."""

    # No foreign key: a persona being deleted is marked on its way out, and its mark left to expire.
    persona_id = models.BigIntegerField(unique=True)
    marked_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.persona_id} since {self.marked_at}"


class RecalculationRun(models.Model):
    """One daily recalculation of one attribute: its lock while it runs, and what it changed."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attribute", "day"], name="recalculation_once_a_day")]
        ordering = ["-day", "attribute"]

    def __str__(self):
        return f"{self.attribute} {self.day}: {self.status}"


class Proposal(models.Model):
    """A question moderators put to the ranked personas (T4-T1 in any attribute)."""

    title = models.CharField(max_length=200)
    text = models.TextField(max_length=10000)
    closes_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("voting:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.closes_at


class ProposalChoice(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "label"], name="proposal_choice_once")]

    def __str__(self):
        return self.label


class Vote(models.Model):
    """One ranked persona's vote, cast by its owner; it counts in the tier the persona held then."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(ProposalChoice, on_delete=models.CASCADE, related_name="votes")
    tier = models.PositiveSmallIntegerField(choices=[(t.value, t.label) for t in Tier if t.is_ranked])
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "persona"], name="vote_once_per_persona")]

    def __str__(self):
        return f"{self.persona_id} → {self.choice_id}"


class RankedTierSize(models.Model):
    """How many personas hold each ranked tier as their best, on a day: each tier's share of a vote."""

    day = models.DateField()
    tier = models.PositiveSmallIntegerField(choices=[(t.value, t.label) for t in Tier if t.is_ranked])
    personas = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "tier"], name="ranked_tier_size_once")]
        ordering = ["-day", "tier"]

    def __str__(self):
        return f"{self.day} T{self.tier}: {self.personas}"
