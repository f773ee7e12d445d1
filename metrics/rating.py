"""The rating of a persona in one attribute: deterministic, between 0 and 3000.

    rating = 3000 × ( 0.60 × quality / 10
                    + 0.25 × (level − 1) / 98
                    + 0.10 × min(1, ln(1 + points) / ln(1 + 1000))
                    + 0.05 × (10 − tier) / 9 )

quality: the scored answers in the attribute. An answer's score is, per skill, the MEAN of its reviewers'
    scores (weighted by the prompt's skill weights across skills), so two reviewers who both give 8 make
    one answer scored 8, never 16. Each answer counts as evidence r / (r + 1) for its r reviewers: more
    reviewers, more confidence, never more than one answer's worth. Then
        quality = max(0, mean − 3 / sqrt(evidence))
    a lower bound that rises towards the mean as evidence grows (as Lichess and TrueSkill rank on a
    conservative estimate): one answer scored 9 by one reviewer rates below ten answers averaging 9.
level: the attribute's level (leveling: floor of the mean of its skills' levels), 1-99.
points: achievement points plus interactions: per kind, each person counts at most 3 times (the owner
    never), then ln(1 + that count) × the kind's weight, so a crowd of distinct people counts and one
    person clicking all day does not.
tier: the persona's current tier (T10 = 0 .. T1 = 1), which keeps a small advantage for those who hold it.
Quality and points enter the formula at four decimals, as the standing stores them, so the daily run, which
rates from the stored facts, finds the rating the live one did.

The weights and constants come from the policy (metrics.policy). The daily recalculation computes the
same formula in SQL (metrics.services.recalculation), and a test holds the two equal.
"""

import math
from dataclasses import dataclass

from metrics.policy import MetricsPolicy

RATING_SCALE = 3000
MAX_LEVEL_SPAN = 98  # levels 1..99
INTERACTION_WEIGHTS = {"view": 0.2, "like": 1.0, "comment": 2.0, "share": 3.0}


@dataclass(frozen=True)
class AnswerEvidence:
    score: float  # 0-10: the mean of its reviewers' scores (weighted across the attribute's skills)
    reviewers: int


def evidence_weight(reviewers: int) -> float:
    return reviewers / (reviewers + 1)


def quality(answers: list[AnswerEvidence], policy: MetricsPolicy) -> tuple[float, float]:
    """(quality lower bound 0-10, evidence) of the scored answers."""
    evidence = sum(evidence_weight(answer.reviewers) for answer in answers)
    if evidence <= 0:
        return 0.0, 0.0
    mean = sum(evidence_weight(a.reviewers) * a.score for a in answers) / evidence
    return max(0.0, mean - policy.quality_doubt / math.sqrt(evidence)), evidence


def interactions_counted(counts: list[int], policy: MetricsPolicy) -> int:
    """Interactions of one kind that count: each (non-owner) person's, at most `interaction_cap`."""
    return sum(min(count, policy.interaction_cap) for count in counts)


def interaction_points(counted_by_kind: dict[str, int]) -> float:
    """Points from the counted interactions of each kind, damped by a logarithm."""
    return sum(
        INTERACTION_WEIGHTS.get(kind, 0) * math.log1p(counted) for kind, counted in counted_by_kind.items()
    )


def rating(*, quality: float, level: int, points: float, tier: int, policy: MetricsPolicy) -> float:
    weights = policy.weights
    points_share = min(1.0, math.log1p(points) / math.log1p(policy.points_scale))
    value = (
        weights.quality * quality / 10
        + weights.level * (level - 1) / MAX_LEVEL_SPAN
        + weights.points * points_share
        + weights.tier * (10 - tier) / 9
    )
    return round(RATING_SCALE * value, 2)
