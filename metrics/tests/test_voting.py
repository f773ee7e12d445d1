"""Voting through the services: who votes, once, in which tier, and how the votes weigh."""

from datetime import timedelta
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.exceptions import ConflictError
from core.testing.databases import needs_postgresql
from leveling.models import Attribute
from metrics.models import Proposal, RankedTierSize, Standing, Vote
from metrics.services import proposal_create, proposal_results, vote_cast
from metrics.tests.conftest import close
from metrics.tiers import Tier
from persona.models import Visibility
from persona.services import persona_update
from persona.tests.test_races import run_at_once

pytestmark = pytest.mark.django_db


def choice(proposal, label):
    return proposal.choices.get(label=label)


def vote(proposal, persona, label):
    return vote_cast(proposal=proposal, persona=persona, choice=choice(proposal, label), actor=persona.owner)


def shares(results) -> dict[str, Fraction]:
    return {row.choice.label: row.share for row in results.choices}


# Weights


def test_ten_watchers_and_two_singularities_weigh_by_tier_size_split_among_those_who_voted(ranked, proposal):
    watchers = [ranked(Tier.WATCHERS) for _ in range(10)]
    singularities = [ranked(Tier.SINGULARITY) for _ in range(2)]
    for persona, label in zip(watchers[:4], ["Duels", "Duels", "Duels", "Guilds"], strict=True):
        vote(proposal, persona, label)
    vote(proposal, singularities[0], "Guilds")

    results = proposal_results(proposal=close(proposal))

    # Watchers hold 10/12 of the vote, split among their 4 voters; Singularity 2/12, all to its voter.
    assert shares(results) == {"Duels": Fraction(5, 8), "Guilds": Fraction(3, 8), "Quests": 0}
    assert results.uncast == 0 and results.personas == 12 and results.voters == 5
    by_tier = {tier.tier: tier for tier in results.tiers}
    assert (by_tier[Tier.WATCHERS].share, by_tier[Tier.WATCHERS].voters) == (Fraction(5, 6), 4)
    assert (by_tier[Tier.SINGULARITY].share, by_tier[Tier.SINGULARITY].voters) == (Fraction(1, 6), 1)
    watchers_duels = next(row for row in by_tier[Tier.WATCHERS].choices if row.choice.label == "Duels")
    assert (watchers_duels.votes, watchers_duels.of_tier, watchers_duels.share) == (
        3,
        Fraction(3, 4),
        Fraction(5, 8),
    )
    assert [row.choice.label for row in results.choices] == ["Duels", "Guilds", "Quests"]


def test_a_tier_where_nobody_voted_leaves_its_share_uncast(ranked, proposal):
    for _ in range(10):
        ranked(Tier.WATCHERS)
    voters = [ranked(Tier.WATCHERS) for _ in range(2)]
    for _ in range(3):
        ranked(Tier.ELEMENTOIDS)
    vote(proposal, voters[0], "Duels")
    vote(proposal, voters[1], "Quests")

    results = proposal_results(proposal=close(proposal))

    assert shares(results) == {"Duels": Fraction(2, 5), "Quests": Fraction(2, 5), "Guilds": 0}
    assert results.uncast == Fraction(1, 5) and results.uncast_percent == 20.0
    elementoids = next(tier for tier in results.tiers if tier.tier == Tier.ELEMENTOIDS)
    assert elementoids.uncast and elementoids.voters == 0 and elementoids.personas == 3
    assert [tier.tier for tier in results.tiers] == [
        Tier.SINGULARITY,
        Tier.DEMENSIONOIDS,
        Tier.ELEMENTOIDS,
        Tier.WATCHERS,
    ]


def test_tier_sizes_come_from_the_recalculation_of_the_latest_day_up_to_the_closing_day(ranked, proposal):
    voter = ranked(Tier.WATCHERS)
    other = ranked(Tier.DEMENSIONOIDS)
    vote(proposal, voter, "Duels")
    vote(proposal, other, "Guilds")
    proposal = close(proposal)
    closing_day = timezone.localdate(proposal.closes_at)
    RankedTierSize.objects.create(day=closing_day - timedelta(days=3), tier=Tier.WATCHERS, personas=1)
    RankedTierSize.objects.create(day=closing_day - timedelta(days=1), tier=Tier.WATCHERS, personas=3)
    RankedTierSize.objects.create(day=closing_day - timedelta(days=1), tier=Tier.DEMENSIONOIDS, personas=1)
    RankedTierSize.objects.create(day=closing_day + timedelta(days=1), tier=Tier.WATCHERS, personas=99)

    results = proposal_results(proposal=proposal)

    assert results.sizes_on == closing_day - timedelta(days=1) and results.personas == 4
    assert shares(results) == {"Duels": Fraction(3, 4), "Guilds": Fraction(1, 4), "Quests": 0}


def test_before_any_recalculation_sizes_are_counted_live_each_persona_once_in_its_best_tier(
    ranked, proposal, cognition
):
    mastery = Attribute.objects.get(slug="mastery")
    ranked(Tier.WATCHERS, also={mastery: Tier.SINGULARITY})
    ranked(Tier.WATCHERS)
    ranked(Tier.GOLD)  # a band: no vote, no weight
    hidden = ranked(Tier.WATCHERS)
    persona_update(persona=hidden, actor=hidden.owner, visibility=Visibility.PRIVATE)
    Standing.objects.filter(persona=hidden).update(eligible=True)  # as the daily run left it

    results = proposal_results(proposal=close(proposal))

    sizes = {tier.tier: tier.personas for tier in results.tiers}
    assert results.sizes_on is None
    assert sizes == {Tier.SINGULARITY: 1, Tier.DEMENSIONOIDS: 0, Tier.ELEMENTOIDS: 0, Tier.WATCHERS: 1}
    assert results.uncast == 1


def test_a_persona_ranked_in_several_attributes_votes_once_in_its_best_tier(ranked, proposal):
    mastery, versatility = Attribute.objects.get(slug="mastery"), Attribute.objects.get(slug="versatility")
    persona = ranked(Tier.WATCHERS, also={mastery: Tier.DEMENSIONOIDS, versatility: Tier.GOLD})

    cast = vote(proposal, persona, "Guilds")

    assert cast.tier == Tier.DEMENSIONOIDS
    with pytest.raises(ConflictError, match="already voted"):
        vote(proposal, persona, "Duels")
    assert Vote.objects.filter(persona=persona).count() == 1


# Who may vote


def test_only_the_owner_casts_a_personas_vote(ranked, proposal, bob, maude):
    persona = ranked(Tier.WATCHERS)

    for actor in (bob, maude):
        with pytest.raises(ValidationError) as refused:
            vote_cast(proposal=proposal, persona=persona, choice=choice(proposal, "Duels"), actor=actor)
        assert refused.value.message_dict == {"persona": ["Only its owner casts a persona's vote."]}
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "unranked",
    [
        lambda ranked: ranked(Tier.GOLD),
        lambda ranked: ranked(Tier.WATCHERS, visibility=Visibility.UNLISTED),
        lambda ranked: _ineligible(ranked(Tier.SINGULARITY)),
    ],
    ids=["gold", "not-public", "no-longer-eligible"],
)
def test_personas_without_a_ranked_tier_have_no_vote(ranked, proposal, unranked):
    persona = unranked(ranked)

    with pytest.raises(ValidationError) as refused:
        vote(proposal, persona, "Duels")

    assert "holds no ranked tier" in refused.value.message_dict["persona"][0]
    assert not Vote.objects.exists()


def _ineligible(persona):
    Standing.objects.filter(persona=persona).update(eligible=False)
    return persona


def test_a_closed_proposal_takes_no_votes(ranked, proposal):
    persona = ranked(Tier.WATCHERS)

    with pytest.raises(ConflictError, match="Voting closed on"):
        vote(close(proposal), persona, "Duels")

    assert not Vote.objects.exists()


def test_a_choice_of_another_proposal_is_refused(ranked, proposal, maude):
    other = proposal_create(
        actor=maude, title="Other", text="?", choices=["A", "B"], closes_at=timezone.now() + timedelta(days=1)
    )
    persona = ranked(Tier.WATCHERS)

    with pytest.raises(ValidationError) as refused:
        vote_cast(proposal=proposal, persona=persona, choice=other.choices.first(), actor=persona.owner)

    assert refused.value.message_dict == {"choice": ["Choose one of this proposal's choices."]}


@needs_postgresql  # SQLite writes one at a time
@pytest.mark.django_db(transaction=True)
def test_two_votes_for_one_persona_at_the_same_moment_one_wins(ranked, maude):
    persona = ranked(Tier.ELEMENTOIDS)
    proposal = proposal_create(
        actor=maude, title="Race", text="?", choices=["A", "B"], closes_at=timezone.now() + timedelta(days=1)
    )
    first, second = proposal.choices.all()

    outcomes = run_at_once(
        *[
            lambda c=c: vote_cast(proposal=proposal, persona=persona, choice=c, actor=persona.owner)
            for c in (first, second)
        ]
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["ConflictError", "Vote"]
    refused = next(outcome for outcome in outcomes if isinstance(outcome, ConflictError))
    assert refused.status == 409 and refused.field == "persona" and "already voted" in refused.message
    assert Vote.objects.filter(persona=persona).count() == 1


# Results and proposals


def test_results_are_hidden_until_the_proposal_closes(proposal):
    with pytest.raises(ConflictError, match="Results are shown once voting closes"):
        proposal_results(proposal=proposal)


def test_only_moderators_open_proposals(alice, maude, superuser):
    fields = {
        "title": "T",
        "text": "?",
        "choices": ["A", "B"],
        "closes_at": timezone.now() + timedelta(days=1),
    }

    with pytest.raises(PermissionDenied):
        proposal_create(actor=alice, **fields)

    assert proposal_create(actor=maude, **fields).created_by == maude
    assert proposal_create(actor=superuser, **fields).choices.count() == 2
    assert Proposal.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"choices": ["Only one"]}, "choices", "Give from 2 to 20 different choices."),
        ({"choices": ["Yes", " yes "]}, "choices", "“yes” is given twice; each choice must differ."),
        ({"choices": ["Yes", "  "]}, "choices", "Choice 2 is blank."),
        ({"choices": ["Yes", "x" * 201]}, "choices", "Choice 2 is longer than 200 characters."),
        (
            {"closes_at": timezone.now() - timedelta(seconds=1)},
            "closes_at",
            "The closing time must be in the future.",
        ),
        ({"title": "   "}, "title", "This field cannot be blank."),
    ],
    ids=[
        "one-choice",
        "same-choice-twice",
        "blank-choice",
        "long-choice",
        "closing-in-the-past",
        "blank-title",
    ],
)
def test_a_bad_proposal_is_refused_naming_the_field(maude, changes, field, message):
    fields = {
        "title": "T",
        "text": "?",
        "choices": ["A", "B"],
        "closes_at": timezone.now() + timedelta(days=1),
    }

    with pytest.raises(ValidationError) as refused:
        proposal_create(actor=maude, **{**fields, **changes})

    assert refused.value.message_dict == {field: [message]}
    assert not Proposal.objects.exists()
