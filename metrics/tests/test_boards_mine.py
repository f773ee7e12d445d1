"""The boards' cache (forgotten when a live rating changes) and "where are my personas", the one part
of a board page made for its viewer."""

import pytest

from metrics.board_cache import boards_invalidate
from metrics.tiers import Tier
from persona.models import ShareRole, Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
BOARD = "/leaderboards/cognition/"


def listed(response) -> list[tuple[int, str]]:
    return [(entry.place, entry.persona.name) for entry in response.context["entries"]]


def test_a_live_rating_change_reorders_the_cached_board(
    client, on_board, score, django_capture_on_commit_callbacks
):
    on_board(Tier.GOLD, rating=1000, name="Leader")
    chaser = on_board(Tier.GOLD, rating=100, name="Chaser")
    assert listed(client.get(BOARD)) == [(1, "Leader"), (2, "Chaser")]

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            score(chaser.persona, 10)

    chaser.refresh_from_db()
    assert chaser.rating > 1000 and chaser.tier == Tier.GOLD
    assert listed(client.get(BOARD)) == [(1, "Chaser"), (2, "Leader")]


def test_a_cached_board_page_reads_only_its_entries_however_long_the_board(
    client, on_board, settings, django_assert_num_queries
):
    settings.METRICS_BAND_SIZES = (30, 2, 2)
    for rating in range(30):
        on_board(Tier.GOLD, rating=1000 + rating)
    client.get(BOARD)

    with django_assert_num_queries(2):  # the attribute, the page's entries
        response = client.get(BOARD)

    assert len(listed(response)) == 30


def test_the_recalculation_reaches_the_board_through_the_invalidation(client, on_board, cognition):
    standing = on_board(Tier.GOLD, rating=2000, name="Promoted Pam")
    assert listed(client.get(BOARD)) == [(1, "Promoted Pam")]
    standing.tier, standing.rank = Tier.WATCHERS, 1
    standing.save()

    assert listed(client.get(BOARD)) == []  # entries are read fresh, even from an outdated order
    boards_invalidate(cognition.pk)
    assert listed(client.get(f"{BOARD}ladder/")) == [(1, "Promoted Pam")]


def mine(response) -> dict:
    return {entry.persona.name: entry for entry in response.context["mine"]}


def test_where_are_my_personas_gives_each_ones_place_or_why_it_has_none(
    client, on_board, alice, bob, charlie
):
    on_board(Tier.GOLD, rating=2500, name="Someone Else")
    on_board(Tier.GOLD, rating=2000, owner=alice, name="Placed Polly")
    on_board(Tier.DEMENSIONOIDS, rating=2800, rank=1, owner=alice, name="Ranked Rex")
    on_board(
        Tier.GOLD, rating=2200, owner=alice, visibility=Visibility.PRIVATE, eligible=False, name="Private Pia"
    )
    PersonaFactory(owner=alice, name="Fresh Fay")
    shared = on_board(Tier.SILVER, rating=1500, owner=bob, visibility=Visibility.PRIVATE, name="Shared Sid")
    persona_share(persona=shared.persona, actor=bob, username="alice", role=ShareRole.USE)
    on_board(Tier.SILVER, rating=1400, owner=charlie, name="Charlie's")
    client.force_login(alice)

    response = client.get(BOARD)

    found = mine(response)
    assert list(found) == ["Ranked Rex", "Placed Polly", "Private Pia", "Shared Sid", "Fresh Fay"]
    assert (found["Ranked Rex"].tier, found["Ranked Rex"].rank) == (Tier.DEMENSIONOIDS, 1)
    assert (found["Placed Polly"].tier, found["Placed Polly"].position) == (Tier.GOLD, 2)
    assert "The tutorial is not finished (now T10 Stone)." in found["Fresh Fay"].reasons
    assert found["Private Pia"].tier == Tier.PAPER
    assert "Private personas take no place on the boards." in found["Private Pia"].reasons
    assert found["Private Pia"].would_be is not None and found["Shared Sid"].would_be is None
    html = response.content.decode()
    assert f"?around={found['Placed Polly'].persona.pk}" in html and "Would be #" in html


def test_anonymous_visitors_get_no_personal_section(client, on_board):
    on_board(Tier.GOLD, rating=2000)

    response = client.get(BOARD)

    assert response.context["mine"] == [] and 'id="mine-heading"' not in response.content.decode()
