"""The naive recalculation, the obvious `for persona: compute(); save()`: each persona's standings computed
and saved with the ORM (`standings_refresh`, the live rating), then each standing placed by counting the
eligible standings rated above it (its position, hence its band) and, when its level reaches the first
ranked tier, those of its candidates rated above it (its rank), and its tier saved.

Timed on personas spread evenly over the ids, in one transaction rolled back, so the data stays as it
was; the loop is spared a commit per persona and the live-position updates that follow each, which
flatters it. The time per persona, which grows with N (a count walks the standings above), is measured
at N and scaled to N personas."""

import time

from django.db import transaction

from metrics.models import Standing
from metrics.policy import MetricsPolicy, metrics_policy
from metrics.services import standings_refresh
from metrics.tiers import RANKED, band_for_position
from persona.models import Persona

MIN_SAMPLE = 20


def _ahead(standing: Standing, **among) -> int:
    return Standing.objects.filter(
        attribute_id=standing.attribute_id, eligible=True, rating__gt=standing.rating, **among
    ).count()


def naive_place(standing: Standing, policy: MetricsPolicy) -> tuple[int | None, int | None]:
    """(tier, rank) as the obvious per-standing code gives them: a ranked tier while its rank is within
    the cap of the highest ranked tier its level reaches, else the band of its position."""
    if not standing.eligible:
        return None, None
    reached = [n for n, level in enumerate(policy.ranked_levels) if standing.level >= level]
    if reached:
        highest = reached[-1]
        rank = _ahead(standing, level__gte=policy.ranked_levels[highest]) + 1
        if rank <= policy.ranked_caps[highest]:
            return RANKED[highest], rank
    return band_for_position(_ahead(standing) + 1, policy.band_sizes), None


def naive_recalculate(persona: Persona, policy: MetricsPolicy) -> None:
    for standing in standings_refresh(persona=persona):
        tier, rank = naive_place(standing, policy)
        placed = Standing.objects.filter(persona=persona, attribute_id=standing.attribute_id)
        placed.update(tier=tier, rank=rank)


def sample_ids(*, first: int, last: int, size: int) -> list[int]:
    step = max(1, (last - first + 1) // size)
    return list(range(first, last + 1, step))[:size]


def naive_seconds(*, first: int, last: int, sample: int, budget_seconds: float) -> dict:
    """{"sample": personas timed, "per_persona_ms", "seconds": scaled to every persona}; stops early
    (after MIN_SAMPLE personas at least) once the budget is spent."""
    policy, done = metrics_policy(), 0
    with transaction.atomic():
        began = time.perf_counter()
        for persona in Persona.objects.filter(pk__in=sample_ids(first=first, last=last, size=sample)):
            naive_recalculate(persona, policy)
            done += 1
            if done >= MIN_SAMPLE and time.perf_counter() - began > budget_seconds:
                break
        elapsed = time.perf_counter() - began
        transaction.set_rollback(True)
    per_persona = elapsed / done
    return {"sample": done, "per_persona_ms": per_persona * 1000, "seconds": per_persona * (last - first + 1)}
