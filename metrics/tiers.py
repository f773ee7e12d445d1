"""The ten tiers, T10 (lowest) to T1. T10-T8 are the tutorial's, held in `leveling.TutorialProgress`
and read there; T7-T5 are bands cut by position in the rating order; T4-T1 are ranked ladders with an
exact rank, reached by promotion from the tier below."""

from django.db import models


class Tier(models.IntegerChoices):
    SINGULARITY = 1, "T1 Singularity"
    DEMENSIONOIDS = 2, "T2 Demensionoids"
    ELEMENTOIDS = 3, "T3 Elementoids"
    WATCHERS = 4, "T4 Watchers"
    GOLD = 5, "T5 Gold"
    SILVER = 6, "T6 Silver"
    BRONZE = 7, "T7 Bronze"
    PAPER = 8, "T8 Paper"
    WOOD = 9, "T9 Wood"
    STONE = 10, "T10 Stone"

    @property
    def short_name(self) -> str:
        return self.label.split(" ", 1)[1]

    @property
    def is_ranked(self) -> bool:
        return self in RANKED

    @property
    def is_band(self) -> bool:
        return self in BANDS


BANDS = (Tier.GOLD, Tier.SILVER, Tier.BRONZE)  # best first, as the policy's band sizes
RANKED = (Tier.WATCHERS, Tier.ELEMENTOIDS, Tier.DEMENSIONOIDS, Tier.SINGULARITY)  # as its caps and levels
TUTORIAL_DONE = 7  # leveling.TutorialTier.ELIGIBLE


def effective_tier(stored: int | None, tutorial: int) -> Tier:
    """The tier a persona holds in an attribute: its band or ranked tier when it has one, else the
    tutorial's (T10-T8); a persona past the tutorial but without a place waits at Paper."""
    if stored is not None:
        return Tier(stored)
    return Tier(max(tutorial, Tier.PAPER))


def band_for_position(position: int, band_sizes: tuple[int, int, int]) -> Tier | None:
    """Gold for the first band_sizes[0] places, then Silver, then Bronze; None past the last place."""
    limit = 0
    for band, size in zip(BANDS, band_sizes, strict=True):
        limit += size
        if position <= limit:
            return band
    return None
