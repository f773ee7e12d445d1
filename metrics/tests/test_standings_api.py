"""`/api/v1/personas/{id}/standings/` and `/api/v1/personas/{id}/rating-history/`: what the persona's
pages show, as JSON; a persona the caller may not read is a 404, a bad attribute a 400 naming it."""

from datetime import date, time

import pytest

from conftest import api_client_for
from leveling.models import Attribute
from metrics.models import StandingSnapshot
from metrics.tiers import Tier
from persona.models import ShareRole, Visibility
from persona.services import persona_share, persona_update

pytestmark = pytest.mark.django_db


def standings_url(persona) -> str:
    return f"/api/v1/personas/{persona.pk}/standings/"


def history_url(persona) -> str:
    return f"/api/v1/personas/{persona.pk}/rating-history/"


def by_attribute(body) -> dict:
    return {entry["attribute"]: entry for entry in body["attributes"]}


def test_standings_give_each_attribute_and_the_best_tier(api_client, on_board, settings):
    settings.METRICS_RECALCULATE_AT = time(5, 15)
    mastery = Attribute.objects.get(slug="mastery")
    persona = on_board(Tier.GOLD, rating=2100.5).persona
    on_board(Tier.WATCHERS, rating=2700, rank=2, persona=persona, attribute=mastery)

    body = api_client.get(standings_url(persona)).json()

    assert (body["persona"], body["tier"], body["tier_name"]) == (persona.pk, 4, "T4 Watchers")
    assert body["bands_updated_at"] == "05:15"
    assert [entry["attribute"] for entry in body["attributes"]] == [
        "cognition",
        "mastery",
        "communication",
        "versatility",
    ]
    attributes = by_attribute(body)
    assert attributes["mastery"] == {
        "attribute": "mastery",
        "name": "Mastery",
        "tier": 4,
        "tier_name": "T4 Watchers",
        "rating": 2700.0,
        "placed": True,
        "rank": 2,
        "position": None,
        "reasons": [],
        "would_be": None,
    }
    assert (attributes["cognition"]["tier_name"], attributes["cognition"]["placed"]) == ("T5 Gold", True)
    communication = attributes["communication"]
    assert (communication["tier"], communication["rating"], communication["placed"]) == (10, None, False)
    assert any("tutorial is not finished" in reason for reason in communication["reasons"])


def test_a_live_position_comes_with_the_standing(
    api_client, graduate, score, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        score(graduate(), 9)
        chaser = graduate()
        score(chaser, 6)

    cognition = by_attribute(api_client.get(standings_url(chaser)).json())["cognition"]

    assert (cognition["position"], cognition["tier_name"], cognition["placed"]) == (2, "T8 Paper", False)
    assert cognition["reasons"] == ["Eligible: it takes its place at the next daily update (03:00 UTC)."]


def test_would_be_is_for_the_owner_and_editors_of_a_hidden_persona_only(
    graduate, score, alice, bob, charlie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        score(graduate(), 9)
        hidden = graduate(owner=alice)
        score(hidden, 5)
        persona_update(persona=hidden, actor=alice, visibility=Visibility.UNLISTED)
    persona_share(persona=hidden, actor=alice, username="bob", role=ShareRole.EDIT)

    seen = {
        user.username: by_attribute(api_client_for(user).get(standings_url(hidden)).json())["cognition"]
        for user in (alice, bob, charlie)
    }

    assert seen["alice"]["would_be"] == {"position": 2, "tier": 5, "tier_name": "T5 Gold"}
    assert seen["bob"]["would_be"] == seen["alice"]["would_be"]
    assert seen["charlie"]["would_be"] is None  # may open the unlisted persona by its link, no more


@pytest.mark.parametrize("endpoint", [standings_url, history_url])
def test_a_private_persona_is_a_404_to_a_stranger_and_readable_when_shared(
    endpoint, on_board, alice, bob, charlie, api_client
):
    hidden = on_board(Tier.GOLD, rating=2000, owner=alice, visibility=Visibility.PRIVATE).persona
    persona_share(persona=hidden, actor=alice, username="bob", role=ShareRole.USE)

    statuses = [client.get(endpoint(hidden)).status_code for client in (api_client_for(charlie), api_client)]

    assert statuses == [404, 404]
    assert api_client_for(bob).get(endpoint(hidden)).status_code == 200
    assert api_client_for(alice).get(endpoint(hidden)).status_code == 200


@pytest.mark.parametrize("endpoint", [standings_url, history_url])
def test_a_missing_persona_is_a_404(endpoint, api_client, on_board):
    persona = on_board(Tier.GOLD, rating=2000).persona
    persona.pk += 1000

    assert api_client.get(endpoint(persona)).status_code == 404


def snapshot(persona, attribute, day, rating, tier, rank=None):
    StandingSnapshot.objects.create(
        persona=persona, attribute=attribute, day=day, rating=rating, tier=tier, rank=rank
    )


def test_the_rating_history_lists_each_attribute_s_snapshots_oldest_first(api_client, on_board, cognition):
    mastery = Attribute.objects.get(slug="mastery")
    persona = on_board(Tier.GOLD, rating=2100).persona
    snapshot(persona, cognition, date(2026, 1, 5), 2100, Tier.GOLD)
    snapshot(persona, cognition, date(2026, 1, 2), 1900.25, Tier.SILVER)
    snapshot(persona, mastery, date(2026, 1, 3), 2800, Tier.SINGULARITY, rank=1)

    body = api_client.get(history_url(persona)).json()

    assert body["persona"] == persona.pk
    history = {entry["attribute"]: entry["history"] for entry in body["attributes"]}
    assert history["cognition"] == [
        {"day": "2026-01-02", "rating": 1900.25, "tier": 6, "tier_name": "T6 Silver", "rank": None},
        {"day": "2026-01-05", "rating": 2100.0, "tier": 5, "tier_name": "T5 Gold", "rank": None},
    ]
    assert history["mastery"] == [
        {"day": "2026-01-03", "rating": 2800.0, "tier": 1, "tier_name": "T1 Singularity", "rank": 1}
    ]
    assert history["communication"] == [] and history["versatility"] == []


def test_the_rating_history_of_one_attribute(api_client, on_board, cognition):
    persona = on_board(Tier.GOLD, rating=2100).persona
    snapshot(persona, cognition, date(2026, 1, 5), 2100, Tier.GOLD)
    snapshot(persona, Attribute.objects.get(slug="mastery"), date(2026, 1, 3), 900, Tier.BRONZE)

    body = api_client.get(history_url(persona), {"attribute": "cognition"}).json()

    assert [(entry["attribute"], len(entry["history"])) for entry in body["attributes"]] == [("cognition", 1)]


def test_an_unknown_attribute_is_a_400_naming_the_parameter(api_client, on_board):
    persona = on_board(Tier.GOLD, rating=2100).persona

    response = api_client.get(history_url(persona), {"attribute": "charisma"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"attribute": ["No attribute has the slug “charisma”."]}


def test_the_schema_documents_both_endpoints_with_their_answers(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]

    standings = paths["/api/v1/personas/{persona_id}/standings/"]["get"]
    history = paths["/api/v1/personas/{persona_id}/rating-history/"]["get"]
    assert {"200", "404"} <= set(standings["responses"])
    assert {"200", "400", "404"} <= set(history["responses"])
    assert [parameter["name"] for parameter in history["parameters"] if parameter["in"] == "query"] == [
        "attribute"
    ]
