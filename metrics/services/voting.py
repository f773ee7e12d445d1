"""Proposals moderators open, votes ranked personas cast, and the weighted results.

Who votes: a persona holding a ranked tier (T4 Watchers to T1 Singularity) in any attribute now, cast
by its owner, once per proposal, while the proposal is open. A persona ranked in several attributes
votes once, in the best tier it holds; the vote keeps that tier.

How votes weigh: each ranked tier holds a share of the whole vote equal to its number of personas over
all ranked personas, each persona counted once, in its best tier. Inside a tier that share is split
equally among the tier's personas that voted, so a choice gets, from each tier, the tier's share times
the fraction of that tier's voters who chose it. A tier where nobody voted leaves its share uncast
(choices' shares then add up to less than 1). The sizes are the daily recalculation's (RankedTierSize)
of the latest day on or before the closing day; before the first recalculation they are counted from
the standings now. All shares are exact fractions; pages and the API round them only for display.
"""

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from core.exceptions import ConflictError
from metrics import rules, signals
from metrics.models import Proposal, ProposalChoice, RankedTierSize, Vote
from metrics.selectors import persona_best_ranked_tier, ranked_tier_sizes_now
from metrics.tiers import RANKED, Tier
from persona.models import Persona

MIN_CHOICES, MAX_CHOICES = 2, 20
NOT_RANKED = (
    "{name} holds no ranked tier (T4 Watchers to T1 Singularity) in any attribute, so it has no vote."
)
CHOICE_MAX_LENGTH = ProposalChoice._meta.get_field("label").max_length


@transaction.atomic
def proposal_create(*, actor, title: str, text: str, choices: list[str], closes_at: datetime) -> Proposal:
    """A proposal with its choices in the order given (moderators only)."""
    if not rules.can_open_proposals(actor):
        raise PermissionDenied("Only moderators open proposals.")
    proposal, labels = proposal_clean(title=title, text=text, choices=choices, closes_at=closes_at)
    proposal.created_by = actor
    proposal.save()
    ProposalChoice.objects.bulk_create(
        ProposalChoice(proposal=proposal, label=label, order=order) for order, label in enumerate(labels)
    )
    signals.proposal_opened.send(sender=Proposal, proposal=proposal)
    return proposal


def proposal_clean(*, title: str, text: str, choices: list[str], closes_at) -> tuple[Proposal, list[str]]:
    """The unsaved proposal and its choice labels, or a ValidationError naming every field at fault."""
    proposal = Proposal(title=(title or "").strip(), text=(text or "").strip(), closes_at=closes_at)
    errors = {}
    try:
        proposal.full_clean(exclude=["created_by"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if "closes_at" not in errors and closes_at <= timezone.now():
        errors["closes_at"] = ["The closing time must be in the future."]
    try:
        labels = _choice_labels(choices)
    except ValidationError as error:
        errors["choices"] = error.messages
    if errors:
        raise ValidationError(errors)
    return proposal, labels


def _choice_labels(choices: list[str]) -> list[str]:
    labels = [(choice or "").strip() for choice in choices]
    seen = set()
    for number, label in enumerate(labels, start=1):
        if not label:
            raise ValidationError(f"Choice {number} is blank.")
        if len(label) > CHOICE_MAX_LENGTH:
            raise ValidationError(f"Choice {number} is longer than {CHOICE_MAX_LENGTH} characters.")
        if label.casefold() in seen:
            raise ValidationError(f"“{label}” is given twice; each choice must differ.")
        seen.add(label.casefold())
    if not MIN_CHOICES <= len(labels) <= MAX_CHOICES:
        raise ValidationError(f"Give from {MIN_CHOICES} to {MAX_CHOICES} different choices.")
    return labels


@transaction.atomic
def vote_cast(*, proposal: Proposal, persona: Persona, choice: ProposalChoice, actor) -> Vote:
    """The persona's one vote on the proposal, in the best ranked tier it holds now."""
    if not rules.can_vote_for(actor, persona):
        raise ValidationError({"persona": "Only its owner casts a persona's vote."})
    if not proposal.is_open:
        raise ConflictError(f"Voting closed on {_closing(proposal)}.", field="proposal")
    if choice.proposal_id != proposal.pk:
        raise ValidationError({"choice": "Choose one of this proposal's choices."})
    if Vote.objects.filter(proposal=proposal, persona=persona).exists():
        raise _already_voted(persona)
    tier = persona_best_ranked_tier(persona=persona)
    if tier is None:
        raise ValidationError({"persona": NOT_RANKED.format(name=persona.name)})
    vote = Vote(proposal=proposal, persona=persona, choice=choice, tier=tier, cast_by=actor)
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError:  # the same persona's vote, cast at the same moment, won
        raise _already_voted(persona) from None
    return vote


def _closing(proposal: Proposal) -> str:
    return f"{timezone.localtime(proposal.closes_at):%Y-%m-%d %H:%M} UTC"


def _already_voted(persona: Persona) -> ConflictError:
    return ConflictError(f"{persona.name} has already voted on this proposal.", field="persona")


def _percent(share: Fraction) -> float:
    return round(float(share * 100), 2)


@dataclass(frozen=True)
class ChoiceResult:
    """A choice's votes and weighted share of the whole vote (overall, or from one tier)."""

    choice: ProposalChoice
    votes: int
    share: Fraction
    of_tier: Fraction | None = None  # within a tier: the fraction of its voters who chose it

    @property
    def percent(self) -> float:
        return _percent(self.share)

    @property
    def of_tier_percent(self) -> float | None:
        return None if self.of_tier is None else _percent(self.of_tier)


@dataclass(frozen=True)
class TierResult:
    tier: Tier
    personas: int
    share: Fraction  # of the whole vote
    voters: int
    choices: list[ChoiceResult]

    @property
    def percent(self) -> float:
        return _percent(self.share)

    @property
    def uncast(self) -> bool:
        return self.voters == 0 and self.share > 0


@dataclass(frozen=True)
class ProposalResults:
    proposal: Proposal
    sizes_on: date | None  # the recalculation day the tier sizes come from; None: counted now
    personas: int  # ranked personas, each once
    voters: int
    choices: list[ChoiceResult]  # best share first
    tiers: list[TierResult]  # T1 Singularity first
    uncast: Fraction

    @property
    def uncast_percent(self) -> float:
        return _percent(self.uncast)


def proposal_results(*, proposal: Proposal) -> ProposalResults:
    """The weighted tally (see the module's docstring); only once the proposal has closed."""
    if proposal.is_open:
        raise ConflictError(f"Results are shown once voting closes, on {_closing(proposal)}.")
    sizes, sizes_on = _tier_sizes(proposal)
    everyone = sum(sizes.values())
    choices = list(proposal.choices.all())
    votes = _vote_counts(proposal)
    tiers = [
        _tier_result(tier, sizes.get(tier, 0), everyone, choices, votes.get(tier, {}))
        for tier in sorted(RANKED)
    ]
    return ProposalResults(
        proposal=proposal,
        sizes_on=sizes_on,
        personas=everyone,
        voters=sum(tier.voters for tier in tiers),
        choices=_overall(choices, tiers),
        tiers=tiers,
        uncast=sum((tier.share for tier in tiers if tier.uncast), Fraction(0)),
    )


def _overall(choices: list[ProposalChoice], tiers: list[TierResult]) -> list[ChoiceResult]:
    """Each choice's votes and shares summed over the tiers, best share first (ties in choice order)."""
    votes, shares = dict.fromkeys(choices, 0), dict.fromkeys(choices, Fraction(0))
    for row in (row for tier in tiers for row in tier.choices):
        votes[row.choice] += row.votes
        shares[row.choice] += row.share
    overall = [ChoiceResult(choice=choice, votes=votes[choice], share=shares[choice]) for choice in choices]
    return sorted(overall, key=lambda row: -row.share)


def _tier_sizes(proposal: Proposal) -> tuple[dict[Tier, int], date | None]:
    closing_day = timezone.localdate(proposal.closes_at)
    day = RankedTierSize.objects.filter(day__lte=closing_day).aggregate(day=Max("day"))["day"]
    if day is None:
        return ranked_tier_sizes_now(), None
    rows = RankedTierSize.objects.filter(day=day).values_list("tier", "personas")
    return {Tier(tier): personas for tier, personas in rows}, day


def _vote_counts(proposal: Proposal) -> dict[Tier, dict[int, int]]:
    """Tier -> choice id -> votes."""
    counts: dict[Tier, dict[int, int]] = {}
    rows = Vote.objects.filter(proposal=proposal).values("tier", "choice").annotate(votes=Count("pk"))
    for row in rows.order_by():
        counts.setdefault(Tier(row["tier"]), {})[row["choice"]] = row["votes"]
    return counts


def _tier_result(tier: Tier, personas: int, everyone: int, choices, votes: dict[int, int]) -> TierResult:
    share = Fraction(personas, everyone) if everyone else Fraction(0)
    voters = sum(votes.values())
    rows = []
    for choice in choices:
        count = votes.get(choice.pk, 0)
        of_tier = Fraction(count, voters) if voters else Fraction(0)
        rows.append(ChoiceResult(choice=choice, votes=count, share=share * of_tier, of_tier=of_tier))
    return TierResult(tier=tier, personas=personas, share=share, voters=voters, choices=rows)
