"""Live ratings: a persona's standings recomputed inside the transaction that changed what they rest on
(a score, an edit of its visibility), in four queries whatever the number of personas, and its live
positions updated after that transaction commits. Tiers and ranks are left to the daily recalculation."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.db import column_datetime, planned_once_cursor
from leveling.models import Achievement, Attribute, PersonaAchievement, PersonaSkill, Skill, TutorialProgress
from leveling.xp import attribute_level_of_total
from metrics import rating as formula
from metrics.board_cache import boards_invalidate_for
from metrics.models import InteractionKind, InteractionTally, Standing
from metrics.policy import MetricsPolicy, metrics_policy
from metrics.positions import live_positions, sort_score
from metrics.services.rate_sql import interactions_counted_sql
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
        _standing(persona, facts, evidence.get(facts.attribute_id, _Evidence()), policy, now)
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


@dataclass(frozen=True)
class _AttributeFacts:
    """What a persona's rating in one attribute rests on, besides its scores."""

    attribute_id: int
    skill_count: int
    tutorial_tier: int
    level_sum: int | None
    level_rows: int | None
    current_rating: float | None
    current_rated_at: datetime | None
    current_tier: int | None
    points: float  # achievements and interactions: the same in every attribute


def _capped_count(kind: str) -> str:
    return f"COALESCE({interactions_counted_sql(kind)}, 0) AS {kind}_counted"


# Each person's interactions of a kind count at most `cap` times, the owner's never.
ATTRIBUTE_FACTS = f"""
SELECT a.id, COALESCE(sc.skills, 0), COALESCE(tp.tier, %(stone)s), l.level_sum, l.level_rows,
       st.rating, st.rated_at, st.tier, aw.points, i.*  /* i: counted per kind */
FROM {Attribute._meta.db_table} a
LEFT JOIN (SELECT attribute_id, COUNT(*) AS skills FROM {Skill._meta.db_table} GROUP BY attribute_id) sc
       ON sc.attribute_id = a.id
LEFT JOIN {TutorialProgress._meta.db_table} tp ON tp.persona_id = %(persona)s AND tp.attribute_id = a.id
LEFT JOIN (
    SELECT k.attribute_id, SUM(ps.level) AS level_sum, COUNT(*) AS level_rows
    FROM {PersonaSkill._meta.db_table} ps JOIN {Skill._meta.db_table} k ON k.id = ps.skill_id
    WHERE ps.persona_id = %(persona)s
    GROUP BY k.attribute_id
) l ON l.attribute_id = a.id
LEFT JOIN {Standing._meta.db_table} st ON st.persona_id = %(persona)s AND st.attribute_id = a.id
CROSS JOIN (
    SELECT COALESCE(SUM(ac.points), 0) AS points
    FROM {PersonaAchievement._meta.db_table} pa
    JOIN {Achievement._meta.db_table} ac ON ac.id = pa.achievement_id
    WHERE pa.persona_id = %(persona)s
) aw
CROSS JOIN (
    SELECT {", ".join(_capped_count(kind) for kind in InteractionKind.values)}
    FROM {InteractionTally._meta.db_table} t
    WHERE t.persona_id = %(persona)s AND t.actor_id <> %(owner)s
) i
ORDER BY a."order", a.name
"""


def _attribute_facts(persona: Persona, policy: MetricsPolicy) -> list[_AttributeFacts]:
    """Every attribute with the persona's tutorial tier, skill levels, current standing and points, in
    one query: static SQL, since building it with the ORM took several times longer than running it,
    on every score."""
    params = {
        "persona": persona.pk,
        "owner": persona.owner_id,
        "interaction_cap": policy.interaction_cap,
        "stone": int(Tier.STONE),
    }
    with planned_once_cursor() as cursor:
        cursor.execute(ATTRIBUTE_FACTS, params)
        return [_facts_of(row) for row in cursor.fetchall()]


def _facts_of(row) -> _AttributeFacts:
    attribute_id, skills, tutorial, level_sum, level_rows, rating, rated_at, tier, awards, *counted = row
    counted_by_kind = dict(zip(InteractionKind.values, counted, strict=True))
    return _AttributeFacts(
        attribute_id=attribute_id,
        skill_count=skills,
        tutorial_tier=tutorial,
        level_sum=level_sum,
        level_rows=level_rows,
        current_rating=rating,
        current_rated_at=column_datetime(rated_at),
        current_tier=tier,
        points=awards + formula.interaction_points(counted_by_kind),
    )


def _standing(persona, facts: _AttributeFacts, evidence: _Evidence, policy, now) -> Standing:
    quality, weight = formula.quality(evidence.answers, policy)
    # Rated as stored: the daily run rates from the stored facts, and must find the same rating.
    quality, points = round(quality, 4), round(facts.points, 4)
    level = _level(facts)
    tier = effective_tier(facts.current_tier, facts.tutorial_tier)
    value = formula.rating(quality=quality, level=level, points=points, tier=tier, policy=policy)
    unchanged = facts.current_rating is not None and facts.current_rating == value
    standing = Standing(
        persona=persona,
        attribute_id=facts.attribute_id,
        rating=value,
        rated_at=facts.current_rated_at if unchanged else now,
        quality=quality,
        evidence=round(weight, 4),
        answers=len(evidence.answers),
        reviewers=len(evidence.reviewers),
        level=level,
        points=points,
        last_active_at=evidence.last_active_at,
        tier=facts.current_tier,
    )
    standing.eligible = placeable(persona, standing, facts.tutorial_tier, policy, now)
    return standing


def _level(facts: _AttributeFacts) -> int:
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
