"""The proposal pages: lists, voting as each of one's ranked personas, creating, and the results."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from metrics.models import Proposal, Vote
from metrics.services import proposal_create, vote_cast
from metrics.tests.conftest import close
from metrics.tiers import Tier
from persona.models import Visibility

pytestmark = pytest.mark.django_db


def page(client, proposal, suffix=""):
    return client.get(f"/proposals/{proposal.pk}/{suffix}")


def post_vote(client, proposal, persona, label):
    choice = proposal.choices.get(label=label)
    return client.post(f"/proposals/{proposal.pk}/vote/", {"persona": persona.pk, "choice": choice.pk})


def test_the_list_shows_open_and_closed_proposals_and_moderators_get_a_new_link(
    client, maude, alice, proposal
):
    ended = close(
        proposal_create(
            actor=maude,
            title="Old question",
            text="?",
            choices=["A", "B"],
            closes_at=timezone.now() + timedelta(1),
        )
    )

    as_alice = client.get("/proposals/")
    client.force_login(maude)
    as_maude = client.get("/proposals/")

    html = as_alice.content.decode()
    assert proposal.title in html and ended.title in html
    assert f"/proposals/{ended.pk}/results/" in html and f"/proposals/{proposal.pk}/results/" not in html
    assert "/proposals/new/" not in html and "/proposals/new/" in as_maude.content.decode()


def test_an_owner_votes_with_each_ranked_persona_and_sees_the_votes(client, alice, ranked, proposal):
    first = ranked(Tier.WATCHERS, owner=alice, name="Ada One")
    second = ranked(Tier.SINGULARITY, owner=alice, name="Bo Two")
    ranked(Tier.GOLD, owner=alice, name="Cy Three")
    client.force_login(alice)

    before = page(client, proposal).content.decode()
    response = post_vote(client, proposal, second, "Guilds")
    after = page(client, proposal).content.decode()

    assert before.count('name="persona"') == 2 and "Cy Three" not in before
    assert response.status_code == 302 and response["Location"] == f"/proposals/{proposal.pk}/"
    assert Vote.objects.get(persona=second).tier == Tier.SINGULARITY
    assert "Bo Two voted for <strong>Guilds</strong>" in after and "counted in T1 Singularity" in after
    assert after.count('name="persona"') == 1 and f'value="{first.pk}"' in after


@pytest.mark.parametrize(
    ("tier", "closed", "message"),
    [
        (Tier.GOLD, False, "holds no ranked tier (T4 Watchers to T1 Singularity)"),
        (Tier.WATCHERS, True, "Voting closed on"),
    ],
    ids=["not-ranked", "closed"],
)
def test_a_refused_vote_is_a_400_saying_why(client, alice, ranked, proposal, tier, closed, message):
    persona = ranked(tier, owner=alice)
    if closed:
        close(proposal)
    client.force_login(alice)

    response = post_vote(client, proposal, persona, "Duels")

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Vote.objects.exists()


def test_a_second_vote_for_the_same_persona_is_refused(client, alice, ranked, proposal):
    persona = ranked(Tier.WATCHERS, owner=alice)
    client.force_login(alice)
    post_vote(client, proposal, persona, "Duels")

    response = post_vote(client, proposal, persona, "Quests")

    assert response.status_code == 400
    assert "has already voted on this proposal" in response.content.decode()
    assert Vote.objects.get(persona=persona).choice.label == "Duels"


def test_someone_elses_persona_does_not_vote_and_a_private_one_is_a_404(client, alice, bob, ranked, proposal):
    public = ranked(Tier.WATCHERS, owner=alice)
    private = ranked(Tier.WATCHERS, owner=alice, visibility=Visibility.PRIVATE)
    client.force_login(bob)

    refused = post_vote(client, proposal, public, "Duels")
    hidden = post_vote(client, proposal, private, "Duels")

    assert refused.status_code == 400 and "Only its owner casts a persona" in refused.content.decode()
    assert hidden.status_code == 404
    assert not Vote.objects.exists()


@pytest.mark.parametrize("posted", [{"choice": "999999"}, {}, {"choice": "x"}])
def test_a_missing_or_unknown_choice_is_a_form_error_on_that_personas_form(
    client, alice, ranked, proposal, posted
):
    persona = ranked(Tier.WATCHERS, owner=alice)
    client.force_login(alice)

    response = client.post(f"/proposals/{proposal.pk}/vote/", {"persona": persona.pk, **posted})

    assert response.status_code == 400
    assert response.context["ballots"][0][1].errors["choice"]
    assert not Vote.objects.exists()


def test_a_visitor_with_no_ranked_persona_is_told_why_and_anonymous_ones_to_log_in(client, alice, proposal):
    anonymous = page(client, proposal).content.decode()
    client.force_login(alice)

    assert "Log in</a> to vote" in anonymous
    assert "None of your personas holds a ranked tier" in page(client, proposal).content.decode()
    assert client.post(f"/proposals/{proposal.pk}/vote/", {"persona": "x"}).status_code == 404


def test_results_wait_for_the_close_then_show_each_tier_and_the_whole(client, ranked, proposal):
    voter = ranked(Tier.WATCHERS)
    ranked(Tier.WATCHERS)
    ranked(Tier.ELEMENTOIDS)
    vote_cast(
        proposal=proposal, persona=voter, choice=proposal.choices.get(label="Guilds"), actor=voter.owner
    )

    early = page(client, proposal, "results/")
    close(proposal)
    late = page(client, proposal, "results/")

    assert early.status_code == 200 and "the results are shown once it closes" in early.content.decode()
    assert early.context["results"] is None
    html = late.content.decode()
    assert "66.7% · 1 vote" in html  # Watchers: 2 of 3 personas, all to Guilds
    assert "Uncast" in html and "33.3%</span>" in html
    assert "T3 Elementoids" in html and "its share is uncast" in html


def test_moderators_open_proposals_on_the_create_page(client, maude):
    client.force_login(maude)
    closes = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(
        "/proposals/new/",
        {"title": "Seasons?", "text": "Should we?", "choices": "Yes\n\n No \n", "closes_at": closes},
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/proposals/{proposal.pk}/"
    assert [c.label for c in proposal.choices.all()] == ["Yes", "No"] and proposal.created_by == maude


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"choices": "Yes\nyes"}, "choices", "“yes” is given twice"),
        ({"choices": "Only one"}, "choices", "Give from 2 to 20 different choices."),
        ({"closes_at": "2020-01-01T10:00"}, "closes_at", "The closing time must be in the future."),
        ({"closes_at": "soon"}, "closes_at", "Enter a valid date/time."),
    ],
)
def test_a_bad_proposal_is_a_400_with_the_message_on_its_field(client, maude, changes, field, message):
    client.force_login(maude)
    closes = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    fields = {"title": "Seasons?", "text": "Should we?", "choices": "Yes\nNo", "closes_at": closes}

    response = client.post("/proposals/new/", {**fields, **changes})

    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Proposal.objects.exists()


def test_only_moderators_reach_the_create_page(client, alice):
    assert client.get("/proposals/new/").status_code == 302  # to the log-in page
    client.force_login(alice)

    assert client.get("/proposals/new/").status_code == 403
    assert client.post("/proposals/new/", {"title": "x"}).status_code == 403
    assert not Proposal.objects.exists()


def test_unknown_proposals_are_404s(client, alice):
    client.force_login(alice)

    for url in ("/proposals/999999/", "/proposals/999999/results/"):
        assert client.get(url).status_code == 404
    assert client.post("/proposals/999999/vote/", {}).status_code == 404


def test_every_page_links_to_the_proposals_next_to_the_leaderboards(client):
    html = client.get("/personas/").content.decode()
    nav = html[html.index('<nav aria-label="Main">') : html.index("</nav>")]

    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', nav)
    assert links[links.index(("/leaderboards/", "Leaderboards")) + 1] == ("/proposals/", "Proposals")
    assert client.get("/proposals/").status_code == 200
