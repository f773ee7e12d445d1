"""Persona cards: every list shows the same facts (creator link, tags, level, tier, forks) and costs
the same number of queries however many personas it lists."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from persona.models import Visibility
from persona.services import persona_fork, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def card_of(page: str, name: str) -> str:
    start = page.index(f">{name}</a>")
    return page[start : page.index("</article>", start)]


def test_a_card_shows_creator_tags_level_tier_and_visible_forks(alice, bob, charlie):
    persona = PersonaFactory(owner=alice, name="Card Persona", tags=["mentor"])
    persona_update(persona=persona_fork(persona=persona, actor=bob), actor=bob, visibility=Visibility.PUBLIC)
    persona_fork(persona=persona, actor=charlie)  # private: not counted for others
    card = card_of(Client().get("/personas/").content.decode(), "Card Persona")
    assert 'href="/u/alice/"' in card
    assert 'href="/personas/?tag=mentor"' in card
    assert "Level 1" in card and "T10 Stone" in card
    assert "1 fork<" in card


@pytest.mark.parametrize("url", ["/personas/", "/", "/u/bob/"])
def test_lists_of_cards_cost_the_same_queries_with_more_personas(alice, bob, url):
    client = Client()
    client.force_login(alice)

    def cost() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    PersonaFactory(owner=bob, tags=["one"])
    few = cost()
    for number in range(8):
        parent = PersonaFactory(owner=bob, tags=["a", f"tag {number}"])
        persona_fork(persona=parent, actor=bob, name=f"Fork {number}")
    assert cost() == few


def test_my_personas_filter_lists_only_mine_and_anonymous_visitors_never_see_it(alice, bob):
    mine = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    PersonaFactory(owner=bob)
    client = Client()
    client.force_login(alice)
    assert [p.pk for p in client.get("/personas/?mine=on").context["page"].object_list] == [mine.pk]
    assert b"My personas" in client.get("/personas/").content
    anonymous_page = Client().get("/personas/").content
    assert b"My personas" not in anonymous_page and b'name="visibility"' not in anonymous_page
    assert len(Client().get("/personas/?mine=on").context["page"].object_list) == 1  # ignored: bob's public


def test_a_card_seen_before_shows_every_change_on_the_next_view(alice, bob):
    """Cards are cached under a digest of what they show (persona/templatetags/persona_cards.py): each
    change, alone, shows on the next view."""
    from leveling.models import Skill
    from leveling.services import persona_skill_xp_add

    persona = PersonaFactory(owner=alice, name="Cached", tags=["old"])
    owner, other = Client(), Client()
    owner.force_login(alice)
    other.force_login(bob)

    def card(client=owner) -> str:
        return card_of(client.get("/personas/").content.decode(), "Cached")

    assert "?tag=old" in card() and "Level 1<" in card() and "0 forks<" in card()
    persona_update(persona=persona, actor=alice, tags=["new"])
    assert "?tag=new" in card() and "?tag=old" not in card()
    persona_skill_xp_add(persona=persona, awards=[(Skill.objects.first().pk, 10_000)], reason="test")
    assert "Level 1<" not in card()
    persona_fork(persona=persona, actor=alice)  # private: counted for alice only
    assert "1 fork<" in card() and "0 forks<" in card(other)
    persona_update(persona=persona, actor=alice, description="A new description.")
    assert "A new description." in card()
