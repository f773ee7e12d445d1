"""The leaderboard pages: bands in board order with positions computed on demand, ties, search, around,
pagination, and personas that may not be shown (private, unlisted, archived, deleted) never on a board.
Standings are written directly, as the daily recalculation leaves them. Bands are 2/2/2 places."""

import re
from datetime import timedelta

import pytest

from metrics.tests.conftest import ON_BOARD_SINCE
from metrics.tiers import Tier
from metrics.views import boards as board_views
from persona.models import Status, Visibility
from persona.services import persona_delete, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
BOARD = "/leaderboards/cognition/"


def listed(response) -> list[tuple[int, str]]:
    """(position or rank, persona name) of each entry shown, top to bottom."""
    return [(entry.place, entry.persona.name) for entry in response.context["entries"]]


def test_bands_list_their_personas_in_board_order_with_positions_after_the_bands_above(client, on_board):
    on_board(Tier.GOLD, rating=2000, name="Gold Two")
    on_board(Tier.GOLD, rating=2500, name="Gold One")
    on_board(Tier.SILVER, rating=1900, name="Silver Four")
    on_board(Tier.SILVER, rating=1950, name="Silver Three")
    on_board(Tier.BRONZE, rating=1800, name="Bronze Five")

    gold, silver = client.get(BOARD), client.get(BOARD, {"band": "silver"})
    bronze = client.get(BOARD, {"band": "bronze"})

    assert listed(gold) == [(1, "Gold One"), (2, "Gold Two")]
    assert listed(silver) == [(3, "Silver Three"), (4, "Silver Four")]
    assert listed(bronze) == [(5, "Bronze Five")]
    html = silver.content.decode()
    assert "Silver Three" in html and "Gold One" not in html and "1,950" in html


def test_ties_go_to_who_reached_the_rating_first_then_to_the_older_persona(client, on_board, settings):
    settings.METRICS_BAND_SIZES = (3, 2, 2)
    later = on_board(Tier.GOLD, rating=2000, rated_at=ON_BOARD_SINCE + timedelta(hours=1), name="Later")
    first = on_board(Tier.GOLD, rating=2000, name="Same time, first id")
    second = on_board(Tier.GOLD, rating=2000, name="Same time, second id")
    assert first.persona_id < second.persona_id and later.persona_id < first.persona_id

    assert listed(client.get(BOARD)) == [
        (1, "Same time, first id"),
        (2, "Same time, second id"),
        (3, "Later"),
    ]


def test_a_search_finds_names_in_the_band_and_keeps_their_board_positions(client, on_board):
    on_board(Tier.SILVER, rating=1900, name="Nova Prime")
    on_board(Tier.SILVER, rating=1800, name="Little nova")
    on_board(Tier.GOLD, rating=2500, name="Nova of Gold")

    response = client.get(BOARD, {"band": "silver", "q": "NOVA"})

    assert listed(response) == [(3, "Nova Prime"), (4, "Little nova")]
    assert listed(client.get(BOARD, {"band": "silver", "q": "little"})) == [(4, "Little nova")]
    assert "No persona of this band matches" in client.get(BOARD, {"q": "zzz"}).content.decode()


def test_pages_of_a_band_continue_its_positions(client, on_board, settings, monkeypatch):
    settings.METRICS_BAND_SIZES = (5, 2, 2)
    monkeypatch.setattr(board_views, "PAGE_SIZE", 2)
    for rating in (2500, 2400, 2300, 2200, 2100):
        on_board(Tier.GOLD, rating=rating, name=f"Rated {rating}")

    pages = [listed(client.get(BOARD, {"page": number})) for number in (1, 2, 3)]

    assert pages == [
        [(1, "Rated 2500"), (2, "Rated 2400")],
        [(3, "Rated 2300"), (4, "Rated 2200")],
        [(5, "Rated 2100")],
    ]
    assert 'rel="next"' in client.get(BOARD, {"page": 2}).content.decode()
    assert listed(client.get(BOARD, {"page": "abc"})) == pages[0]


def test_around_opens_the_page_and_band_holding_the_persona(client, on_board, settings, monkeypatch):
    settings.METRICS_BAND_SIZES = (2, 5, 2)
    monkeypatch.setattr(board_views, "PAGE_SIZE", 2)
    on_board(Tier.GOLD, rating=2500)
    silver = [on_board(Tier.SILVER, rating=rating) for rating in (2000, 1900, 1800, 1700)]

    response = client.get(BOARD, {"around": silver[3].persona_id})

    assert response.status_code == 302
    assert response["Location"] == f"{BOARD}?band=silver&page=2#persona-{silver[3].persona_id}"
    assert listed(client.get(response["Location"])) == [
        (5, silver[2].persona.name),
        (6, silver[3].persona.name),
    ]


def test_around_a_persona_you_may_not_see_is_a_404(client, on_board, alice, charlie):
    hidden = on_board(Tier.GOLD, rating=2000, owner=alice, visibility=Visibility.PRIVATE)
    client.force_login(charlie)

    assert client.get(BOARD, {"around": hidden.persona_id}).status_code == 404
    assert client.get(BOARD, {"around": 99999999}).status_code == 404


def test_around_a_persona_off_the_board_says_so(client, on_board, alice):
    own_private = on_board(Tier.GOLD, rating=2000, owner=alice, visibility=Visibility.PRIVATE)
    client.force_login(alice)

    response = client.get(BOARD, {"around": own_private.persona_id})

    assert response.status_code == 400
    assert f"around: {own_private.persona.name} is not on this board." in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"band": "platinum"}, {"q": "x" * 101}, {"around": "abc"}, {"around": "²"}]
)
def test_bad_parameters_answer_400_naming_them(client, on_board, query):
    on_board(Tier.GOLD, rating=2000, name="Still Shown")

    response = client.get(BOARD, query)

    (name,) = query
    assert response.status_code == 400
    assert f"{name}: " in response.content.decode()
    assert listed(response) == [(1, "Still Shown")]


def test_an_unknown_attribute_is_a_404(client):
    assert client.get("/leaderboards/charisma/").status_code == 404
    assert client.get("/leaderboards/charisma/ladder/").status_code == 404


def hidden_kinds(on_board, alice, tier, **standing):
    """A persona of each kind that may not be on a board, each storing a place and flagged eligible."""
    kinds = [
        ("Private Pat", {"visibility": Visibility.PRIVATE}),
        ("Unlisted Una", {"visibility": Visibility.UNLISTED}),
        ("Archived Abe", {"status": Status.ARCHIVED}),
        ("Draft Dee", {"status": Status.DRAFT}),
        ("Deleted Dan", {}),
        ("Inactive Ida", {"eligible": False}),
    ]
    made = {
        name: on_board(tier, owner=alice, name=f"{name} {tier.label}", **fields, **standing)
        for name, fields in kinds
    }
    persona_delete(persona=made["Deleted Dan"].persona, actor=alice, reason="test_data")


HIDDEN_NAMES = ["Private Pat", "Unlisted Una", "Archived Abe", "Draft Dee", "Deleted Dan", "Inactive Ida"]


@pytest.mark.parametrize("viewer", [None, "alice", "maude"])
def test_personas_that_may_not_be_placed_are_never_listed_whatever_tier_they_store(
    client, on_board, alice, maude, viewer
):
    hidden_kinds(on_board, alice, Tier.GOLD, rating=2900)
    hidden_kinds(on_board, alice, Tier.SINGULARITY, rating=2950, rank=1)
    on_board(Tier.GOLD, rating=1000, name="Public Pia")
    if viewer:
        client.force_login({"alice": alice, "maude": maude}[viewer])

    pages = [client.get(url).content.decode() for url in (BOARD, f"{BOARD}ladder/", "/leaderboards/")]

    assert listed(client.get(BOARD)) == [(1, "Public Pia")]
    assert listed(client.get(f"{BOARD}ladder/")) == []
    board_part = [page.split('id="mine-heading"')[0] for page in pages]
    assert not [name for name in HIDDEN_NAMES for page in board_part if name in page]


def test_a_persona_made_private_leaves_the_board_at_once(
    client, on_board, alice, django_capture_on_commit_callbacks
):
    leaving = on_board(Tier.GOLD, rating=2000, owner=alice, name="Leaving Lou")
    assert listed(client.get(BOARD)) == [(1, "Leaving Lou")]

    with django_capture_on_commit_callbacks(execute=True):
        persona_update(persona=leaving.persona, actor=alice, visibility=Visibility.PRIVATE)

    assert listed(client.get(BOARD)) == []


def test_the_ladder_lists_t1_to_t4_with_their_stored_ranks(client, on_board):
    on_board(Tier.WATCHERS, rating=2400, rank=2, name="Watcher Two")
    on_board(Tier.WATCHERS, rating=2450, rank=1, name="Watcher One")
    on_board(Tier.SINGULARITY, rating=2900, rank=1, name="The Singularity")
    on_board(Tier.ELEMENTOIDS, rating=2600, rank=1, name="Elementoid")
    on_board(Tier.GOLD, rating=2300, name="Gold Only")

    response = client.get(f"{BOARD}ladder/")

    assert listed(response) == [
        (1, "The Singularity"),
        (1, "Elementoid"),
        (1, "Watcher One"),
        (2, "Watcher Two"),
    ]
    html = response.content.decode()
    captions = re.findall(r"<caption>(.*?)</caption>", html)
    assert captions == ["T1 Singularity", "T3 Elementoids", "T4 Watchers"]
    assert "Gold Only" not in html


def test_the_overview_shows_each_attributes_tier_counts_and_the_top_of_its_board(client, on_board, cognition):
    on_board(Tier.SINGULARITY, rating=2900, rank=1, name="Top Tess")
    on_board(Tier.GOLD, rating=2300, name="Gold Gus")
    on_board(Tier.SILVER, rating=2000, name="Silver Sam")
    waiting = on_board(Tier.GOLD, rating=1500, name="Waiting Will")
    waiting.tier = None
    waiting.save()
    PersonaFactory(name="Newcomer Nell")

    response = client.get("/leaderboards/")

    (overview,) = [
        item["overview"] for item in response.context["overviews"] if item["overview"].attribute == cognition
    ]
    counts = {row.tier: row.personas for row in overview.distribution}
    assert counts[Tier.STONE] >= 1 and counts[Tier.PAPER] == 1
    assert (counts[Tier.SINGULARITY], counts[Tier.GOLD], counts[Tier.SILVER], counts[Tier.BRONZE]) == (
        1,
        1,
        1,
        0,
    )
    assert [(entry.place, entry.persona.name) for entry in overview.top] == [(1, "Top Tess"), (1, "Gold Gus")]
    html = response.content.decode()
    assert "Bands updated daily at 03:00 UTC" in " ".join(html.split()) and "{#" not in html
    assert "T1 Singularity 1," in " ".join(html.split())  # the chart's text equivalent


def test_a_board_shows_a_renamed_persona_and_a_new_rating_on_its_next_view(client, on_board):
    """The board's table is cached (it is most of the page's time), but under what it shows."""
    standing = on_board(Tier.GOLD, rating=2000, name="Old Name")
    assert "Old Name" in client.get(BOARD).content.decode()

    persona_update(persona=standing.persona, actor=standing.persona.owner, name="New Name")
    type(standing).objects.filter(pk=standing.pk).update(rating=2345.5)
    html = client.get(BOARD).content.decode()

    assert "New Name" in html and "Old Name" not in html
    assert "2,345.50" in html
