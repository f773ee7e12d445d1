"""Reads of ratings and standings, of proposals and the personas that vote on them, and of how content
performs. Callers pass a persona the viewer may already see (persona selectors); boards only ever show
public, active personas."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Max, Min, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from core.db import rows_for_ids
from leveling.models import Attribute, TutorialProgress
from metrics.engagement import COUNTERS, Totals
from metrics.models import (
    InteractionMetrics,
    PerformanceMetrics,
    Proposal,
    RecalculationRun,
    Standing,
    StandingSnapshot,
    Vote,
)
from metrics.policy import MetricsPolicy, metrics_policy
from metrics.positions import live_positions, sort_score
from metrics.tiers import TUTORIAL_DONE, Tier, band_for_position, effective_tier
from persona import rules as persona_rules
from persona.models import Persona, Status, Visibility


@dataclass
class AttributeStanding:
    attribute: Attribute
    tier: Tier
    rating: float | None = None
    rank: int | None = None  # exact, T4-T1
    position: int | None = None  # live and approximate, among those competing for the bands
    would_be: tuple[int, Tier | None] | None = None  # (position, band) if this persona were public
    reasons: list[str] = field(default_factory=list)  # why it holds no place

    @property
    def placed(self) -> bool:
        return self.tier.is_band or self.tier.is_ranked


# Every attribute (in Attribute's order) with the persona's tutorial tier in it, or NULL before it starts
ATTRIBUTES_WITH_TUTORIAL = f"""
SELECT a.*, tp.tier AS tutorial_tier
FROM {Attribute._meta.db_table} a
LEFT JOIN {TutorialProgress._meta.db_table} tp ON tp.attribute_id = a.id AND tp.persona_id = %s
ORDER BY a."order", a.name
"""


def persona_standings(*, persona: Persona, show_would_be: bool = False) -> list[AttributeStanding]:
    """The persona's tier, rating and place in every attribute, and why it is not placed where it is
    not; `show_would_be` (for its owner and editors) adds where a non-public persona would stand."""
    policy, positions = metrics_policy(), live_positions()
    standings = {s.attribute_id: s for s in Standing.objects.filter(persona=persona)}
    result = []
    for attribute in Attribute.objects.raw(ATTRIBUTES_WITH_TUTORIAL, [persona.pk]):
        standing = standings.get(attribute.pk)
        tutorial_tier = Tier.STONE if attribute.tutorial_tier is None else attribute.tutorial_tier
        shown = _shown_tier(standing, tutorial_tier)
        entry = AttributeStanding(
            attribute=attribute, tier=shown, rating=standing.rating if standing else None
        )
        if shown.is_ranked:
            entry.rank = standing.rank
        elif standing is not None and standing.eligible:
            entry.position = positions.position(attribute.pk, persona.pk)
        if not entry.placed:
            entry.reasons = unplaced_reasons(persona, standing, tutorial_tier, policy)
        if show_would_be and standing is not None and persona.visibility != Visibility.PUBLIC:
            position = positions.would_be(attribute.pk, sort_score(standing.rating, standing.rated_at))
            entry.would_be = (position, band_for_position(position, policy.band_sizes))
        result.append(entry)
    return result


def persona_standings_seen_by(*, user, persona: Persona) -> list[AttributeStanding]:
    """The persona's standings as this viewer may see them: where a non-public persona would stand is
    for those who speak for it, its owner and editors (not moderators, who may see every persona)."""
    return persona_standings(persona=persona, show_would_be=persona_rules.has_stake_in(user, persona))


def headline_tier(standings: list[AttributeStanding]) -> Tier:
    """The tier a persona is known by: the best it holds in any attribute."""
    return min((entry.tier for entry in standings), default=Tier.STONE)


def _shown_tier(standing: Standing | None, tutorial_tier: int) -> Tier:
    stored = _placed_tier(standing.tier, standing.eligible) if standing is not None else None
    return effective_tier(stored, tutorial_tier)


def _placed_tier(stored_tier: int | None, eligible: bool) -> int | None:
    """A place is shown while the persona may hold one; the stored tier of one that may not (made
    private, archived, inactive since) is left for the daily recalculation to take back."""
    return stored_tier if eligible else None


def unplaced_reasons(persona: Persona, standing: Standing | None, tutorial_tier: int, policy: MetricsPolicy):
    reasons = []
    if tutorial_tier != TUTORIAL_DONE:
        reasons.append(f"The tutorial is not finished (now {Tier(tutorial_tier).label}).")
    if persona.visibility != Visibility.PUBLIC:
        reasons.append(
            f"{persona.get_visibility_display().split(' ')[0]} personas take no place on the boards."
        )
    if persona.status != Status.ACTIVE:
        reasons.append(f"{persona.get_status_display()} personas take no place on the boards.")
    reviewers = standing.reviewers if standing else 0
    if reviewers < policy.min_reviewers:
        reasons.append(
            f"Too little evidence: answers scored by {reviewers} of the {policy.min_reviewers} "
            "different reviewers needed."
        )
    reasons += _activity_reasons(standing, policy)
    if not reasons:
        reasons.append(_waiting_reason(standing, policy))
    return reasons


def _activity_reasons(standing: Standing | None, policy: MetricsPolicy) -> list[str]:
    if standing is None or standing.last_active_at is None:
        return ["No scored answers yet."]
    if standing.last_active_at < timezone.now() - timedelta(days=policy.active_days):
        return [
            f"Inactive since {standing.last_active_at:%b %-d, %Y} (placed personas were active within "
            f"{policy.active_days} days)."
        ]
    return []


def _waiting_reason(standing: Standing, policy: MetricsPolicy) -> str:
    last_run = RecalculationRun.objects.filter(
        attribute_id=standing.attribute_id, status=RecalculationRun.Status.DONE
    ).aggregate(finished=Max("finished_at"))["finished"]
    if last_run is None or last_run < standing.updated_at:
        return f"Eligible: it takes its place at the next daily update ({policy.recalculate_at:%H:%M} UTC)."
    return f"Rated, but below the {policy.board_places:,} places of the boards; it waits at Paper."


@dataclass
class RatingHistory:
    attribute: Attribute
    snapshots: list[StandingSnapshot]  # oldest first


def persona_rating_history(
    *, persona: Persona, attribute: Attribute | None = None, attributes: list[Attribute] | None = None
) -> list[RatingHistory]:
    """The persona's rating, tier and rank on each day the daily recalculation changed them, in every
    attribute (or the one given); between two snapshots they held the earlier one's values. A caller
    that has read every attribute already passes them as `attributes`, saving the page a query."""
    snapshots = StandingSnapshot.objects.filter(persona=persona).order_by("day")
    if attribute is not None:
        snapshots, attributes = snapshots.filter(attribute=attribute), [attribute]
    elif attributes is None:
        attributes = Attribute.objects.all()
    by_attribute = defaultdict(list)
    for snapshot in snapshots:
        by_attribute[snapshot.attribute_id].append(snapshot)
    return [RatingHistory(each, by_attribute[each.pk]) for each in attributes]


# Voting


def ranked_standings() -> QuerySet[Standing]:
    """Standings holding a ranked tier (T4-T1) now: eligible, of a persona public and active now."""
    return Standing.objects.filter(
        tier__lte=Tier.WATCHERS,
        eligible=True,
        persona__visibility=Visibility.PUBLIC,
        persona__status=Status.ACTIVE,
        persona__deleted_at__isnull=True,
    )


def _best_ranked_tiers(standings: QuerySet[Standing]) -> dict[int, Tier]:
    """Persona id -> the best ranked tier it holds in any attribute."""
    rows = standings.order_by().values("persona").annotate(best=Min("tier")).values_list("persona", "best")
    return {persona_id: Tier(best) for persona_id, best in rows}


def persona_best_ranked_tier(*, persona: Persona) -> Tier | None:
    return _best_ranked_tiers(ranked_standings().filter(persona=persona)).get(persona.pk)


def ranked_tier_sizes_now() -> dict[Tier, int]:
    """How many personas hold each ranked tier as their best right now (each counted once)."""
    return dict(Counter(_best_ranked_tiers(ranked_standings()).values()))


def proposal_list(*, is_open: bool | None = None) -> QuerySet[Proposal]:
    """Proposals, latest closing first; open ones only (True) or closed ones only (False)."""
    proposals = Proposal.objects.select_related("created_by").prefetch_related("choices")
    if is_open is not None:
        proposals = proposals.filter(**{"closes_at__gt" if is_open else "closes_at__lte": timezone.now()})
    return proposals


def proposal_get(*, pk) -> Proposal:
    """Proposals are public; a missing one (or a malformed id from a URL) answers 404."""
    try:
        proposal = proposal_list().filter(pk=pk).first()
    except (TypeError, ValueError):
        proposal = None
    if proposal is None:
        raise Http404("No proposal found.")
    return proposal


@dataclass
class Ballot:
    """One of the user's personas on a proposal: the ranked tier it votes in now, and its vote if cast."""

    persona: Persona
    tier: Tier | None
    vote: Vote | None


def proposal_ballots(*, user, proposal: Proposal) -> list[Ballot]:
    """The user's personas that may vote on the proposal or have voted on it, by name."""
    if not user.is_authenticated:
        return []
    tiers = _best_ranked_tiers(ranked_standings().filter(persona__owner=user))
    votes = {
        vote.persona_id: vote
        for vote in Vote.objects.filter(proposal=proposal, persona__owner=user).select_related("choice")
    }
    personas = Persona.objects.filter(owner=user, pk__in=tiers.keys() | votes.keys()).order_by("name")
    return [Ballot(persona, tiers.get(persona.pk), votes.get(persona.pk)) for persona in personas]


# How content performs (metrics.engagement)


def _totals(row) -> Totals:
    return Totals(**{counter: getattr(row, counter) or 0 for counter in COUNTERS.values()})


def performance_of_items(*, item_ids) -> dict[int, Totals]:
    """Each content item's counted interactions, zeros for one nobody has interacted with yet."""
    rows = {row.item_id: _totals(row) for row in PerformanceMetrics.objects.filter(item_id__in=item_ids)}
    return {item_id: rows.get(item_id, Totals()) for item_id in item_ids}


@dataclass
class PersonaPerformance:
    totals: Totals  # over all the persona's content
    days: list[tuple]  # (day, Totals) of the days with counted interactions, oldest first


def persona_performance(*, persona: Persona, days: int = 30) -> PersonaPerformance:
    """All the persona's content together, and its last `days` days, for trends."""
    sums = PerformanceMetrics.objects.filter(persona=persona).aggregate(
        **{counter: Sum(counter) for counter in COUNTERS.values()}
    )
    since = timezone.localdate() - timedelta(days=days - 1)
    recent = InteractionMetrics.objects.filter(persona=persona, day__gte=since).order_by("day")
    return PersonaPerformance(
        totals=Totals(**{counter: value or 0 for counter, value in sums.items()}),
        days=[(row.day, _totals(row)) for row in recent],
    )


# Each attribute's stored tier with whether the persona may hold its place (_placed_tier), and tutorial tier.
HEADLINE_TIERS = f"""
SELECT 1, persona_id, attribute_id, tier, eligible FROM {Standing._meta.db_table}
WHERE persona_id IN ({{ids}})
UNION ALL
SELECT 0, persona_id, attribute_id, tier, NULL FROM {TutorialProgress._meta.db_table}
WHERE persona_id IN ({{ids}})
"""


def persona_headline_tiers(*, persona_ids) -> dict[int, Tier]:
    """Persona id -> its headline tier (`headline_tier`) for many personas at once, in one query: what
    a persona card shows. An attribute with neither a standing nor a tutorial row is at Stone, the lowest
    tier, which is the best only when the persona holds nothing better: so only rows need reading (in one
    statement of static SQL: building it with the ORM took longer than running it)."""
    stored, tutorial = {}, {}
    for is_standing, persona_id, attribute_id, tier, eligible in rows_for_ids(
        HEADLINE_TIERS, list(persona_ids)
    ):
        if is_standing:
            stored[persona_id, attribute_id] = _placed_tier(tier, eligible)
        else:
            tutorial[persona_id, attribute_id] = tier
    best = dict.fromkeys(persona_ids, Tier.STONE)
    for persona_id, attribute_id in stored.keys() | tutorial.keys():
        shown = effective_tier(
            stored.get((persona_id, attribute_id)), tutorial.get((persona_id, attribute_id), Tier.STONE)
        )
        best[persona_id] = min(best[persona_id], shown)
    return best
