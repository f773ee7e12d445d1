"""`/api/v1/proposals/`: reading, opening (moderators), voting and the results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import api_client_for
from core.testing.databases import needs_postgresql
from metrics.models import Proposal, Vote
from metrics.tests.conftest import close
from metrics.tiers import Tier
from persona.models import Visibility
from persona.tests.test_races import run_at_once

pytestmark = pytest.mark.django_db
LIST = "/api/v1/proposals/"


def body(**changes) -> dict:
    closes = (timezone.now() + timedelta(days=2)).isoformat()
    return {
        "title": "Seasons?",
        "text": "Should we?",
        "choices": ["Yes", "No"],
        "closes_at": closes,
        **changes,
    }


def cast(client, proposal, persona, label="Duels"):
    choice = proposal.choices.get(label=label)
    return client.post(
        f"{LIST}{proposal.pk}/votes/", {"persona": persona.pk, "choice": choice.pk}, format="json"
    )


def test_anyone_reads_proposals_and_filters_open_or_closed(api_client, proposal, maude):
    ended = close(Proposal.objects.create(title="Old", text="?", closes_at=timezone.now(), created_by=maude))

    everything = api_client.get(LIST).json()["results"]
    open_only = api_client.get(f"{LIST}?state=open").json()["results"]
    one = api_client.get(f"{LIST}{proposal.pk}/").json()

    assert [p["id"] for p in everything] == [proposal.pk, ended.pk]
    assert [p["id"] for p in open_only] == [proposal.pk]
    assert one["is_open"] is True and [c["label"] for c in one["choices"]] == ["Duels", "Guilds", "Quests"]
    assert one["created_by"] == "maude"
    bad = api_client.get(f"{LIST}?state=later")
    assert bad.status_code == 400 and "state" in bad.json()["errors"]


def test_moderators_open_proposals_and_others_get_403(maude, alice):
    refused = api_client_for(alice).post(LIST, body(), format="json")
    created = api_client_for(maude).post(LIST, body(), format="json")

    assert refused.status_code == 403
    assert created.status_code == 201
    assert [c["label"] for c in created.json()["choices"]] == ["Yes", "No"]
    assert Proposal.objects.get().created_by == maude


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"choices": ["Yes"]}, "choices"),
        ({"choices": ["Yes", "YES"]}, "choices"),
        ({"choices": ["Yes", ""]}, "choices"),
        ({"choices": [f"c{n}" for n in range(21)]}, "choices"),
        ({"closes_at": "2020-01-01T00:00:00Z"}, "closes_at"),
        ({"closes_at": "tomorrow"}, "closes_at"),
        ({"title": ""}, "title"),
    ],
)
def test_a_bad_proposal_is_a_400_naming_the_field(maude, changes, field):
    response = api_client_for(maude).post(LIST, body(**changes), format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Proposal.objects.exists()


def test_the_owner_votes_once_in_the_best_tier(alice, ranked, proposal, cognition):
    from leveling.models import Attribute

    persona = ranked(
        Tier.WATCHERS, owner=alice, also={Attribute.objects.get(slug="mastery"): Tier.ELEMENTOIDS}
    )
    client = api_client_for(alice)

    first = cast(client, proposal, persona, "Guilds")
    second = cast(client, proposal, persona, "Duels")

    assert first.status_code == 201
    assert first.json()["tier"] == Tier.ELEMENTOIDS and first.json()["tier_name"] == "T3 Elementoids"
    assert second.status_code == 409
    assert second.json()["errors"] == {"persona": [f"{persona.name} has already voted on this proposal."]}
    assert Vote.objects.get().choice.label == "Guilds"


def test_refused_votes_say_why(alice, bob, ranked, proposal):
    mine_but_gold = ranked(Tier.GOLD, owner=alice)
    bobs = ranked(Tier.WATCHERS, owner=bob)
    client = api_client_for(alice)

    not_ranked = cast(client, proposal, mine_but_gold)
    not_mine = cast(client, proposal, bobs)
    wrong_choice = client.post(
        f"{LIST}{proposal.pk}/votes/", {"persona": bobs.pk, "choice": 10**12}, format="json"
    )

    assert (
        not_ranked.status_code == 400 and "holds no ranked tier" in not_ranked.json()["errors"]["persona"][0]
    )
    assert not_mine.status_code == 400
    assert not_mine.json()["errors"] == {"persona": ["Only its owner casts a persona's vote."]}
    assert wrong_choice.status_code == 400
    assert wrong_choice.json()["errors"] == {"choice": [f"This proposal has no choice with the id {10**12}."]}
    assert not Vote.objects.exists()


def test_a_persona_the_caller_may_not_see_is_no_such_persona(alice, bob, ranked, proposal):
    private = ranked(Tier.WATCHERS, owner=alice, visibility=Visibility.PRIVATE)

    response = cast(api_client_for(bob), proposal, private)

    assert response.status_code == 400
    assert response.json()["errors"] == {"persona": [f"No persona you may see has the id {private.pk}."]}


def test_a_closed_proposal_refuses_votes_with_409(alice, ranked, proposal):
    persona = ranked(Tier.WATCHERS, owner=alice)

    response = cast(api_client_for(alice), close(proposal), persona)

    assert response.status_code == 409 and response.json()["detail"].startswith("Voting closed on")
    assert not Vote.objects.exists()


def test_anonymous_callers_do_not_vote_and_unknown_proposals_are_404(api_client, alice, ranked, proposal):
    persona = ranked(Tier.WATCHERS, owner=alice)

    assert cast(api_client, proposal, persona).status_code in (401, 403)
    assert api_client_for(alice).post(f"{LIST}999999/votes/", {}, format="json").status_code == 404
    assert api_client.get(f"{LIST}999999/results/").status_code == 404


def test_results_are_409_until_the_close_then_exact_fractions(api_client, ranked, proposal):
    voters = [ranked(Tier.WATCHERS) for _ in range(2)]
    ranked(Tier.WATCHERS)
    ranked(Tier.SINGULARITY)
    for persona, label in zip(voters, ["Duels", "Guilds"], strict=True):
        cast(api_client_for(persona.owner), proposal, persona, label)

    early = api_client.get(f"{LIST}{proposal.pk}/results/")
    close(proposal)
    late = api_client.get(f"{LIST}{proposal.pk}/results/").json()

    assert early.status_code == 409 and early.json()["detail"].startswith(
        "Results are shown once voting closes"
    )
    # Watchers hold 3/4 of the vote, split between their 2 voters; Singularity's 1/4 is uncast.
    assert [(c["label"], c["share"], c["percent"]) for c in late["choices"]] == [
        ("Duels", "3/8", 37.5),
        ("Guilds", "3/8", 37.5),
        ("Quests", "0", 0.0),
    ]
    assert (late["uncast"], late["personas"], late["voters"], late["sizes_on"]) == ("1/4", 4, 2, None)
    watchers = next(tier for tier in late["tiers"] if tier["tier"] == Tier.WATCHERS)
    assert (watchers["share"], watchers["voters"], watchers["uncast"]) == ("3/4", 2, False)
    assert watchers["choices"][0] | {"choice": None} == {
        "choice": None,
        "label": "Duels",
        "votes": 1,
        "share": "3/8",
        "percent": 37.5,
        "of_tier": "1/2",
        "of_tier_percent": 50.0,
    }
    assert late["tiers"][0]["name"] == "T1 Singularity" and late["tiers"][0]["uncast"] is True


@needs_postgresql  # SQLite writes one at a time
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_votes_for_one_persona_answer_201_and_409(ranked, maude):
    from metrics.services import proposal_create

    persona = ranked(Tier.WATCHERS)
    proposal = proposal_create(actor=maude, **{**body(), "closes_at": timezone.now() + timedelta(days=1)})
    client = api_client_for(persona.owner)

    statuses = run_at_once(
        *[lambda label=label: cast(client, proposal, persona, label).status_code for label in ("Yes", "No")]
    )

    assert sorted(statuses) == [201, 409]
    assert Vote.objects.filter(persona=persona).count() == 1


def test_the_schema_documents_the_409s(api_client):
    paths = api_client.get("/api/schema/?format=json").json()["paths"]

    assert "409" in paths["/api/v1/proposals/{id}/votes/"]["post"]["responses"]
    assert {"200", "404", "409"} <= set(paths["/api/v1/proposals/{id}/results/"]["get"]["responses"])


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_costs_the_same_queries_however_many_proposals(
    api_client, maude, count, django_assert_max_num_queries
):
    for n in range(count):
        Proposal.objects.create(title=f"P{n}", text="?", closes_at=timezone.now(), created_by=maude)

    with django_assert_max_num_queries(2):
        assert len(api_client.get(LIST).json()["results"]) == count
