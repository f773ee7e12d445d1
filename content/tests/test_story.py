"""The persona's story: content, forks, tier changes, achievements and edits on one timeline, newest
first, by pages, the major achievements on top, at one query per source whatever its length."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.tests.factories import ContentItemFactory
from content.timeline import SOURCES, persona_story
from leveling.models import Achievement, PersonaAchievement
from leveling.services import achievements_award
from metrics.models import TierEvent
from metrics.tiers import Tier
from persona.models import Visibility
from persona.services import persona_fork, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def story_kinds(user, persona, **options) -> list[str]:
    return [entry.kind for entry in persona_story(user=user, persona=persona, **options).entries]


def happen(nova, bob, cognition, rounds: int = 1, days_ago: int = 0) -> None:
    """Rounds of everything a story tells: a post, a fork, a tier change (a day earlier each), an edit."""
    for number in range(days_ago, days_ago + rounds):
        ContentItemFactory(persona=nova)
        persona_fork(persona=nova, actor=bob, visibility=Visibility.PUBLIC)
        TierEvent.objects.create(
            persona=nova,
            attribute=cognition,
            day=timezone.localdate() - timedelta(days=number),
            from_tier=Tier.SILVER,
            to_tier=Tier.GOLD,
        )
        persona_update(persona=nova, actor=nova.owner, description=f"Version {number}.")


def test_the_story_mixes_every_source_newest_first(alice, bob, nova, cognition):
    ContentItemFactory(persona=nova, title="First light")
    persona_fork(persona=nova, actor=bob, visibility=Visibility.PUBLIC)  # "Worth copying" comes with it
    TierEvent.objects.create(
        persona=nova,
        attribute=cognition,
        day=timezone.localdate(),
        from_tier=Tier.GOLD,
        to_tier=Tier.WATCHERS,
    )
    persona_update(persona=nova, actor=alice, name="Nova the Wise", description="Older now.")

    story = persona_story(user=alice, persona=nova)

    assert [entry.kind for entry in story.entries] == [
        "edit",
        "tier",
        "achievement",
        "fork",
        "content",
        "edit",
    ]
    assert story.entries[0].changed == ("name", "description")
    assert story.entries[-1].subject.history_type == "+"  # its creation
    assert [entry.at for entry in story.entries] == sorted(
        (entry.at for entry in story.entries), reverse=True
    )
    assert story.next_cursor is None


def test_pages_follow_one_another_without_gaps_or_repeats(alice, bob, nova, cognition):
    happen(nova, bob, cognition, rounds=4)
    everything = persona_story(user=alice, persona=nova, size=100).entries

    seen, cursor = [], None
    while True:
        page = persona_story(user=alice, persona=nova, cursor=cursor, size=3)
        seen += page.entries
        if page.next_cursor is None:
            break
        cursor = page.next_cursor

    assert [(e.kind, e.pk) for e in seen] == [(e.kind, e.pk) for e in everything]
    assert len(everything) == 4 * 4 + 1 + 1  # + the creation and "Worth copying"


def test_entries_at_the_same_instant_are_neither_lost_nor_repeated_between_pages(alice, nova, cognition):
    same_moment = timezone.now()
    for _ in range(3):
        ContentItemFactory(persona=nova)
    nova.content_items.update(created_at=same_moment)
    TierEvent.objects.filter(persona=nova).delete()
    for number in range(3):
        event = TierEvent.objects.create(
            persona=nova,
            attribute=cognition,
            day=timezone.localdate() - timedelta(days=number),
            from_tier=Tier.SILVER,
            to_tier=Tier.GOLD,
        )
        TierEvent.objects.filter(pk=event.pk).update(created_at=same_moment)

    first = persona_story(user=alice, persona=nova, size=4)
    second = persona_story(user=alice, persona=nova, cursor=first.next_cursor, size=4)

    kinds = [entry.kind for entry in first.entries + second.entries]
    assert kinds.count("content") == kinds.count("tier") == 3


def test_a_malformed_cursor_starts_from_the_newest(alice, nova):
    assert story_kinds(alice, nova, cursor="not-a-cursor") == story_kinds(alice, nova)


def test_forks_the_visitor_may_not_see_are_left_out(alice, bob, charlie, nova):
    persona_fork(persona=nova, actor=bob)  # private to bob

    assert "fork" not in story_kinds(charlie, nova)
    assert "fork" in story_kinds(bob, nova)


def test_the_major_achievements_head_the_page_greatest_first(alice, bob, nova):
    achievements_award(persona=nova, codes={"first-answer", "tutorial-graduate", "skill-level-50"})
    ContentItemFactory(persona=nova, title="Newest of all")

    html = Client().get(f"/content/personas/{nova.slug}/story/").content.decode()

    highlights = html.split('data-testid="highlights"', 1)[1].split("</section>", 1)[0]
    assert highlights.index("Expert") < highlights.index("Graduate")
    assert "First words" not in highlights  # a minor one: only on the timeline
    assert "First words" in html.split('data-testid="timeline"', 1)[1]


def test_the_persona_page_shows_the_story_panel(nova):
    achievements_award(persona=nova, codes={"tutorial-graduate"})

    html = Client().get(nova.get_absolute_url()).content.decode()

    assert 'data-testid="story-panel"' in html
    assert f"/content/personas/{nova.slug}/story/" in html
    assert Achievement.objects.get(code="tutorial-graduate").name in html


def test_a_private_persona_s_story_is_404_to_strangers(alice, bob):
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    assert Client().get(f"/content/personas/{secret.slug}/story/").status_code == 404
    client = Client()
    client.force_login(bob)
    assert client.get(f"/content/personas/{secret.slug}/story/").status_code == 404


def story_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_story_costs_one_query_per_source_whatever_its_length(alice, bob, nova, cognition):
    happen(nova, bob, cognition, rounds=1)
    with CaptureQueriesContext(connection) as captured:
        persona_story(user=AnonymousUser(), persona=nova)  # no shares or permissions of a visitor to read
    assert len(captured) == len(SOURCES)

    client, url = Client(), f"/content/personas/{nova.slug}/story/"
    few = story_queries(client, url)
    happen(nova, bob, cognition, rounds=15, days_ago=1)
    PersonaAchievement.objects.filter(persona=nova).delete()
    achievements_award(persona=nova, codes=set(Achievement.objects.values_list("code", flat=True)))
    many = story_queries(client, url)
    next_page = story_queries(client, f"{url}?after={persona_story(user=alice, persona=nova).next_cursor}")

    assert many == few == next_page
