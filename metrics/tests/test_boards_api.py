"""`/api/v1/leaderboards/{attribute}/` and `/api/v1/ladders/{attribute}/`: shapes, positions and ranks,
search and around, 400s naming the parameter, 404s, privacy, and a fixed number of queries."""

import pytest

from conftest import api_client_for
from metrics.tiers import Tier
from persona.models import Visibility

pytestmark = pytest.mark.django_db
LEADERBOARD, LADDER = "/api/v1/leaderboards/cognition/", "/api/v1/ladders/cognition/"


def places(body) -> list[tuple[int, str]]:
    return [(entry.get("position", entry.get("rank")), entry["persona"]["name"]) for entry in body["results"]]


def test_a_band_answers_positions_ratings_and_personas(api_client, on_board, alice):
    on_board(Tier.GOLD, rating=2500)
    silver = on_board(Tier.SILVER, rating=1950.5, owner=alice, name="Silver Sue")
    on_board(Tier.SILVER, rating=1900, name="Silver Sal")

    body = api_client.get(LEADERBOARD, {"band": "silver"}).json()

    assert body["results"][0] == {
        "position": 3,
        "rating": 1950.5,
        "persona": {
            "id": silver.persona_id,
            "name": "Silver Sue",
            "slug": silver.persona.slug,
            "owner": "alice",
        },
    }
    assert places(body) == [(3, "Silver Sue"), (4, "Silver Sal")]
    assert {key: body[key] for key in ("attribute", "band", "tier", "first_position", "last_position")} == {
        "attribute": "cognition",
        "band": "silver",
        "tier": Tier.SILVER,
        "first_position": 3,
        "last_position": 4,
    }
    assert (body["count"], body["page"], body["pages"], body["next"], body["previous"]) == (
        2,
        1,
        1,
        None,
        None,
    )
    assert body["bands_updated_at"] == "03:00"


def test_gold_is_the_default_and_search_keeps_positions(api_client, on_board):
    on_board(Tier.GOLD, rating=2500, name="Alpha Nova")
    on_board(Tier.GOLD, rating=2400, name="Beta Nova")

    assert places(api_client.get(LEADERBOARD).json()) == [(1, "Alpha Nova"), (2, "Beta Nova")]
    assert places(api_client.get(LEADERBOARD, {"search": "beta"}).json()) == [(2, "Beta Nova")]


def test_pages_link_to_each_other_and_around_answers_the_page_holding_the_persona(
    api_client, on_board, settings
):
    settings.METRICS_BAND_SIZES = (2, 5, 2)
    silver = [on_board(Tier.SILVER, rating=rating, name=f"S{rating}") for rating in (2000, 1900, 1800)]

    body = api_client.get(LEADERBOARD, {"around": silver[2].persona_id, "page_size": 2}).json()

    assert (body["band"], body["page"], body["pages"], places(body)) == ("silver", 2, 2, [(5, "S1800")])
    assert "around" not in body["previous"] and "page=1" in body["previous"]
    first = api_client.get(body["previous"]).json()
    assert places(first) == [(3, "S2000"), (4, "S1900")] and "page=2" in first["next"]


def test_around_a_persona_you_may_not_see_is_a_404(on_board, alice, bob):
    hidden = on_board(Tier.GOLD, rating=2000, owner=alice, visibility=Visibility.PRIVATE)

    response = api_client_for(bob).get(LEADERBOARD, {"around": hidden.persona_id})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"band": "platinum"}, "band"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "²"}, "page"),
        ({"page": "2"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"around": "-3"}, "around"),
        ({"around": "99999999999999999999"}, "around"),
        ({"search": "x" * 101}, "search"),
        ({"around": "OWN_PRIVATE"}, "around"),
        ({"around": "PUBLIC_SILVER", "band": "gold"}, "around"),
        ({"around": "PUBLIC_SILVER", "search": "a"}, "around"),
    ],
)
def test_bad_parameters_answer_400_naming_them(on_board, alice, query, field):
    ids = {
        "OWN_PRIVATE": on_board(
            Tier.GOLD, rating=2000, owner=alice, visibility=Visibility.PRIVATE
        ).persona_id,
        "PUBLIC_SILVER": on_board(Tier.SILVER, rating=1500).persona_id,
    }
    query = {name: ids.get(value, value) for name, value in query.items()}

    response = api_client_for(alice).get(LEADERBOARD, query)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field] and response.json()["detail"]


def test_unknown_attributes_are_404(api_client):
    assert api_client.get("/api/v1/leaderboards/charisma/").status_code == 404
    assert api_client.get("/api/v1/ladders/charisma/").status_code == 404


def test_the_ladder_answers_tiers_and_exact_ranks(api_client, on_board):
    on_board(Tier.WATCHERS, rating=2400, rank=1, name="Watcher")
    top = on_board(Tier.SINGULARITY, rating=2900, rank=1, name="Singular")
    on_board(Tier.GOLD, rating=2300, name="Gold")

    body = api_client.get(LADDER).json()

    assert body["results"][0] == {
        "rank": 1,
        "tier": 1,
        "tier_name": "T1 Singularity",
        "rating": 2900.0,
        "persona": {
            "id": top.persona_id,
            "name": "Singular",
            "slug": top.persona.slug,
            "owner": top.persona.owner.username,
        },
    }
    assert [(entry["tier"], entry["rank"]) for entry in body["results"]] == [(1, 1), (4, 1)]
    assert api_client.get(LADDER, {"page": "3"}).json()["errors"] == {"page": ["There are 1 pages."]}


def test_private_unlisted_and_archived_personas_are_never_listed(api_client, on_board, alice):
    for tier, rank in ((Tier.GOLD, None), (Tier.WATCHERS, 1)):
        on_board(tier, rank=rank, rating=2000, owner=alice, visibility=Visibility.PRIVATE)
        on_board(tier, rank=rank, rating=2000, owner=alice, visibility=Visibility.UNLISTED)
        on_board(tier, rank=rank, rating=2000, owner=alice, status="archived")

    for client in (api_client, api_client_for(alice)):
        assert client.get(LEADERBOARD).json()["results"] == []
        assert client.get(LADDER).json()["results"] == []


@pytest.mark.parametrize("entries", [1, 12])
def test_queries_do_not_grow_with_the_board(
    api_client, on_board, settings, entries, django_assert_num_queries
):
    settings.METRICS_BAND_SIZES = (12, 2, 2)
    for number in range(entries):
        on_board(Tier.GOLD, rating=2000 - number)
        on_board(Tier.WATCHERS, rating=2500 - number, rank=number + 1)
    around = on_board(Tier.GOLD, rating=1, name="Last").persona_id

    with django_assert_num_queries(3):  # the attribute, the order (then cached), the entries
        assert len(api_client.get(LEADERBOARD).json()["results"]) == entries + 1
    with django_assert_num_queries(3):  # the attribute, the persona, the entries
        assert api_client.get(LEADERBOARD, {"around": around, "page_size": 1}).json()["page"] == entries + 1
    with django_assert_num_queries(2):  # the attribute, the entries (names are searched in the cached order)
        assert len(api_client.get(LEADERBOARD, {"search": "Last"}).json()["results"]) == 1
    with django_assert_num_queries(3):  # the attribute, the ladder's order, the entries
        assert len(api_client.get(LADDER).json()["results"]) == entries
