"""Every number of the ranked game in one object, read from settings (and so from the environment):
band sizes, ranked tiers' caps and levels, the evidence and activity rules, and the rating's weights.
Tests use small ones (bands of 2/4/6)."""

from dataclasses import dataclass
from datetime import time

from django.conf import settings


@dataclass(frozen=True)
class RatingWeights:
    """Shares of the rating (they sum to 1): answer quality, attribute level, points, tier."""

    quality: float = 0.60
    level: float = 0.25
    points: float = 0.10
    tier: float = 0.05


@dataclass(frozen=True)
class MetricsPolicy:
    band_sizes: tuple[int, int, int] = (1000, 2000, 3000)  # Gold, Silver, Bronze places, best first
    ranked_caps: tuple[int, int, int, int] = (500, 200, 50, 10)  # T4 Watchers .. T1 Singularity
    ranked_levels: tuple[int, int, int, int] = (40, 60, 80, 95)  # attribute level each of them needs
    min_reviewers: int = 3  # distinct reviewers of a persona's scored answers in the attribute
    active_days: int = 30  # a persona must have answered or been scored this recently to be placed
    recalculate_at: time = time(3, 0)  # the daily recalculation (UTC)
    weights: RatingWeights = RatingWeights()
    # Lower bound on answer quality: mean - QUALITY_DOUBT / sqrt(evidence) (see metrics.rating).
    quality_doubt: float = 3.0
    points_scale: float = 1000.0  # points at which the points share is full (log-damped below)
    interaction_cap: int = 3  # interactions of one kind counted per user and persona
    # The daily run trusts the facts the live rating stored, and recomputes them from the scores for
    # one persona in this many each day (metrics.services.recalculation_sql): 1 recomputes everyone's.
    reconcile_days: int = 7

    @property
    def board_places(self) -> int:
        return sum(self.band_sizes)


def metrics_policy() -> MetricsPolicy:
    """The policy as settings have it now (read on each call, so tests may override settings)."""
    return MetricsPolicy(
        band_sizes=tuple(settings.METRICS_BAND_SIZES),
        ranked_caps=tuple(settings.METRICS_RANKED_CAPS),
        ranked_levels=tuple(settings.METRICS_RANKED_LEVELS),
        min_reviewers=settings.METRICS_MIN_REVIEWERS,
        active_days=settings.METRICS_ACTIVE_DAYS,
        recalculate_at=settings.METRICS_RECALCULATE_AT,
        weights=RatingWeights(*settings.METRICS_RATING_WEIGHTS),
        reconcile_days=settings.METRICS_RECONCILE_DAYS,
    )
