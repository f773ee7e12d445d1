"""Live ratings: a persona's standings recomputed inside the transaction that changed what they rest on
(a score, an edit of its visibility), in four queries whatever the number of personas, and its live
positions updated after that transaction commits. Tiers and ranks are left to the daily recalculation."""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from leveling.models import Attribute, PersonaAchievement, PersonaSkill, TutorialProgress
from leveling.xp import attribute_level_of_total
from metrics import rating as formula
from metrics.board_cache import boards_invalidate_for
from metrics.models import InteractionKind, InteractionTally, Standing
from metrics.policy import MetricsPolicy, metrics_policy
from metrics.positions import live_positions, sort_score
from metrics.tiers import TUTORIAL_DONE, Tier, effective_tier
from persona.models import Persona, Status, Visibility
from prompts.selectors import scored_evidence_of

FIELDS = ["rating", "rated_at", "quality", "evidence", "answers", "reviewers", "level", "points"]
FIELDS += ["last_active_at", "eligible"]


@transaction.atomic(savepoint=False)
def standings_refresh(*, persona: Persona) -> list[Standing]:
    """Recompute the persona's rating in every attribute from its scores, levels and points."""
    policy, now = metrics_policy(), timezone.now()
    evidence = _evidence_by_attribute(persona)
    standings = [
        _standing(persona, facts, evidence.get(facts.pk, _Evidence()), _points(facts, policy), policy, now)
        for facts in _attribute_facts(persona, policy)
    ]
    Standing.objects.bulk_create(
        standings, update_conflicts=True, unique_fields=["persona", "attribute"], update_fields=FIELDS
    )
    transaction.on_commit(lambda: _update_positions(persona.pk, standings))
    return standings


class _Evidence:
    def __init__(self):
        self.answers: list[formula.AnswerEvidence] = []
        self.reviewers: set[int] = set()
        self.last_active_at = None


def _evidence_by_attribute(persona: Persona) -> dict[int, _Evidence]:
    """Per attribute, each scored answer's reviewers' mean (weighted across its skills) and reviewers."""
    per_answer = defaultdict(lambda: {"skills": defaultdict(list), "weights": {}, "scorers": set()})
    found = defaultdict(_Evidence)
    for row in scored_evidence_of(persona=persona):
        answer = per_answer[(row.attribute_id, row.answer_id)]
        answer["skills"][row.skill_id].append(row.score)
        answer["weights"][row.skill_id] = float(row.weight if row.weight is not None else 1)
        evidence = found[row.attribute_id]
        if row.scorer_id is not None:  # a deleted reviewer's scores still count, as nobody's
            answer["scorers"].add(row.scorer_id)
            evidence.reviewers.add(row.scorer_id)
        evidence.last_active_at = max(filter(None, [evidence.last_active_at, row.scored_at, row.answered_at]))
    for (attribute_id, _), answer in per_answer.items():
        found[attribute_id].answers.append(
            formula.AnswerEvidence(_weighted_mean(answer), len(answer["scorers"]))
        )
    return found


def _weighted_mean(answer: dict) -> float:
    weights = answer["weights"]
    total = sum(weights[skill] * sum(scores) / len(scores) for skill, scores in answer["skills"].items())
    return total / sum(weights.values())


def _attribute_facts(persona: Persona, policy: MetricsPolicy):
    """Every attribute with the persona's tutorial tier, skill levels, current standing and points
    (the same on each row), in one query."""
    tutorial = TutorialProgress.objects.filter(persona=persona, attribute=OuterRef("pk")).values("tier")
    levels = PersonaSkill.objects.filter(persona=persona, skill__attribute=OuterRef("pk")).order_by()
    current = Standing.objects.filter(persona=persona, attribute=OuterRef("pk"))
    return Attribute.objects.annotate(
        skill_count=Count("skills", distinct=True),
        tutorial_tier=Coalesce(Subquery(tutorial[:1]), Tier.STONE),
        level_sum=Subquery(levels.values("persona").annotate(total=Sum("level")).values("total")),
        level_rows=Subquery(levels.values("persona").annotate(rows=Count("pk")).values("rows")),
        current_rating=Subquery(current.values("rating")[:1]),
        current_rated_at=Subquery(current.values("rated_at")[:1]),
        current_tier=Subquery(current.values("tier")[:1]),
        achievement_points=_achievement_points(persona),
        **{
            f"{kind}_counted": _interactions_counted(persona, kind, policy) for kind in InteractionKind.values
        },
    )


def _achievement_points(persona: Persona):
    awards = PersonaAchievement.objects.filter(persona=persona).order_by().values("persona")
    return Coalesce(Subquery(awards.annotate(total=Sum("achievement__points")).values("total")), 0)


def _interactions_counted(persona: Persona, kind: str, policy: MetricsPolicy):
    """Interactions of one kind, each person counted at most `interaction_cap` times, the owner never."""
    tallies = InteractionTally.objects.filter(persona=persona, kind=kind).exclude(actor_id=persona.owner_id)
    capped = Least("count", policy.interaction_cap, output_field=IntegerField())
    total = tallies.order_by().values("persona").annotate(total=Sum(capped)).values("total")
    return Coalesce(Subquery(total), 0)


def _points(facts, policy: MetricsPolicy) -> float:
    counted = {kind: getattr(facts, f"{kind}_counted") for kind in InteractionKind.values}
    return facts.achievement_points + formula.interaction_points(counted)


def _standing(persona, facts, evidence: _Evidence, points: float, policy, now) -> Standing:
    quality, weight = formula.quality(evidence.answers, policy)
    level = _level(facts)
    tier = effective_tier(facts.current_tier, facts.tutorial_tier)
    value = formula.rating(quality=quality, level=level, points=points, tier=tier, policy=policy)
    unchanged = facts.current_rating is not None and facts.current_rating == value
    standing = Standing(
        persona=persona,
        attribute=facts,
        rating=value,
        rated_at=facts.current_rated_at if unchanged else now,
        quality=round(quality, 4),
        evidence=round(weight, 4),
        answers=len(evidence.answers),
        reviewers=len(evidence.reviewers),
        level=level,
        points=round(points, 4),
        last_active_at=evidence.last_active_at,
        tier=facts.current_tier,
    )
    standing.eligible = placeable(persona, standing, facts.tutorial_tier, policy, now)
    return standing


def _level(facts) -> int:
    """The attribute's level; skills without a row yet are level 1."""
    missing = max(0, facts.skill_count - (facts.level_rows or 0))
    return attribute_level_of_total((facts.level_sum or 0) + missing, facts.skill_count)


def placeable(persona, standing: Standing, tutorial_tier: int, policy: MetricsPolicy, now) -> bool:
    """Public, active, past the attribute's tutorial, with enough evidence and recent activity."""
    recent = standing.last_active_at is not None and standing.last_active_at >= now - timedelta(
        days=policy.active_days
    )
    return (
        persona.visibility == Visibility.PUBLIC
        and persona.status == Status.ACTIVE
        and not persona.is_deleted
        and tutorial_tier == TUTORIAL_DONE
        and standing.reviewers >= policy.min_reviewers
        and recent
    )


def _update_positions(persona_id: int, standings: list[Standing]) -> None:
    positions = live_positions()
    for standing in standings:
        competing = standing.eligible and not (standing.tier and standing.tier <= Tier.WATCHERS)
        if competing:
            positions.place(
                standing.attribute_id, {persona_id: sort_score(standing.rating, standing.rated_at)}
            )
        else:
            positions.remove([standing.attribute_id], persona_id)
    boards_invalidate_for(standings)


def standings_forget(*, persona: Persona) -> None:
    """A deleted persona leaves the live positions and the boards' cached orders once the delete
    commits (its standings stay, for an undo; boards never show deleted personas)."""
    placed = Standing.objects.filter(persona=persona)
    boards_invalidate_for(placed.only("attribute_id", "tier"))
    attribute_ids = list(Attribute.objects.values_list("pk", flat=True))
    transaction.on_commit(lambda: live_positions().remove(attribute_ids, persona.pk))
