"""A persona's standings on its page and its progress page (metrics.views.standings through
persona.panels): each attribute's tier and the best as its headline, its rating, live position or exact
rank, why it is not placed, where a non-public one would stand (for its owner and editors only), and its
rating history as a chart with a table."""

import re
from datetime import date, time

import pytest
from django.urls import reverse

from leveling.models import Attribute
from metrics.models import StandingSnapshot
from metrics.tiers import Tier
from persona.models import ShareRole, Visibility
from persona.services import persona_share, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
PAGES = ["persona:detail", "leveling:progress"]


def shown(response, testid: str) -> str:
    """The words of the element with this data-testid, as the visitor reads them."""
    html = response.content.decode()
    start = html.index(f'data-testid="{testid}"')
    tag = html.rindex("<", 0, start)
    name = re.match(r"<(\w+)", html[tag:]).group(1)
    inner = html[tag : html.index(f"</{name}>", start)]
    return re.sub(r" ([.,;])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", inner).split()))


def page(client, persona, name="persona:detail"):
    return client.get(reverse(name, args=[persona.slug]))


@pytest.mark.parametrize("name", PAGES)
def test_each_attribute_shows_its_tier_and_the_best_one_heads_the_section(
    client, on_board, ranked, name, alice
):
    mastery = Attribute.objects.get(slug="mastery")
    persona = on_board(Tier.SILVER, rating=1987.5, owner=alice).persona
    on_board(Tier.ELEMENTOIDS, rating=2600, rank=3, persona=persona, attribute=mastery)
    client.force_login(alice)

    response = page(client, persona, name)

    assert shown(response, "headline-tier") == "Best tier: T3 Elementoids"
    # (then its live position when the positions are the database's own, none in an empty Redis set)
    assert shown(response, "standing-cognition").startswith("Cognition T6 Silver Rating 1,987.50")
    assert "Show it on the Silver board" in shown(response, "standing-cognition")
    assert shown(response, "standing-mastery").startswith(
        "Mastery T3 Elementoids Rating 2,600.00; rank #3 (exact) on the Mastery ladder."
    )
    assert shown(response, "standing-communication").startswith("Communication T10 Stone Not rated yet.")


def test_a_live_position_is_approximate_and_says_when_bands_update(
    client, graduate, score, settings, django_capture_on_commit_callbacks
):
    settings.METRICS_RECALCULATE_AT = time(4, 30)
    with django_capture_on_commit_callbacks(execute=True):
        score(graduate(name="Leader"), 9)
        chaser = graduate(name="Chaser")
        score(chaser, 6)

    text = shown(page(client, chaser), "standing-cognition")

    assert "live position #2 (approximate), bands updated daily at 04:30 UTC." in text
    assert "Eligible: it takes its place at the next daily update (04:30 UTC)." in text


def test_an_unplaced_persona_says_why(client, alice, score):
    persona = PersonaFactory(owner=alice, name="Newcomer")
    score(persona, 7, reviewers_count=1)

    text = shown(page(client, persona), "standing-cognition")

    assert "Not placed on the boards:" in text
    assert "The tutorial is not finished (now T10 Stone)." in text
    assert "Too little evidence: answers scored by 1 of the 2 different reviewers needed." in text


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.UNLISTED])
def test_owner_and_editors_see_where_a_hidden_persona_would_stand_and_no_one_else(
    client, graduate, score, alice, bob, charlie, maude, visibility, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        score(graduate(name="Public leader"), 9)
        hidden = graduate(owner=alice, name="Hidden")  # reviewers score public answers
        score(hidden, 5)
        persona_update(persona=hidden, actor=alice, visibility=visibility)
    persona_share(persona=hidden, actor=alice, username="bob", role=ShareRole.EDIT)
    persona_share(persona=hidden, actor=alice, username="charlie", role=ShareRole.USE)
    seen = {}

    for user in (alice, bob, charlie, maude):
        client.force_login(user)
        seen[user.username] = "Would be #" in page(client, hidden).content.decode()

    assert seen == {"alice": True, "bob": True, "charlie": False, "maude": False}
    client.force_login(alice)
    assert shown(page(client, hidden), "would-be-cognition") == "Would be #2, Gold, if public."


@pytest.mark.parametrize("name", PAGES)
def test_a_stranger_gets_404_for_a_private_persona_and_sees_no_standings(client, on_board, alice, name):
    persona = on_board(Tier.GOLD, rating=2000, owner=alice, visibility=Visibility.PRIVATE).persona

    response = page(client, persona, name)

    assert response.status_code == 404
    assert "Best tier" not in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_the_rating_history_is_a_chart_with_the_same_values_as_a_table(client, on_board, cognition, name):
    persona = on_board(Tier.GOLD, rating=2100.5, name="Climber").persona
    for day, rating, tier in ((date(2026, 1, 1), 1800, Tier.SILVER), (date(2026, 1, 6), 2100.5, Tier.GOLD)):
        StandingSnapshot.objects.create(
            persona=persona, attribute=cognition, day=day, rating=rating, tier=tier
        )

    response = page(client, persona, name)
    html = response.content.decode()

    assert 'role="img" aria-labelledby="rating-cognition-title rating-cognition-desc"' in html
    assert "Cognition rating of Climber, by day" in html
    assert "From 1,800 on 2026-01-01 to 2,100.50 on 2026-01-06; highest 2,100.50." in html
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td[^>]*>(.*?)</td><td>(.*?)</td>", html)
    assert rows == [("2026-01-01", "1,800.00", "T6 Silver"), ("2026-01-06", "2,100.50", "T5 Gold")]
    assert "No rating history yet" in shown(response, "standing-mastery")
