"""Each event that tells a persona's owner something, grouping of reactions, self-actions telling nobody."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import UserFactory
from content import services
from content.models import Notification, NotificationVerb
from content.notifications import notification_sentence
from content.tests.factories import ContentItemFactory
from core.testing.databases import needs_postgresql
from leveling.models import Achievement, Quest, Skill, TutorialTier
from leveling.services import achievements_award, persona_skill_xp_add, progress_record_answer
from leveling.xp import xp_for_level
from metrics.models import Standing
from metrics.services import proposal_create
from metrics.signals import AnnouncedChange, tier_changed
from metrics.tiers import Tier
from persona.models import ShareRole
from persona.services import persona_fork, persona_share

pytestmark = pytest.mark.django_db


def notifications_of(user, verb=None):
    rows = Notification.objects.filter(recipient=user).select_related("persona", "last_actor")
    return list(rows.filter(verb=verb) if verb else rows)


def test_likes_of_a_persona_pile_up_in_one_unread_notification_counting_the_people(alice, nova, post, fans):
    other_post = ContentItemFactory(persona=nova, title="The Pole Star")
    for fan in fans[:3]:
        services.content_like_toggle(item=post, actor=fan)
    services.content_like_toggle(item=other_post, actor=fans[0])  # the same person again: counted once

    [liked] = notifications_of(alice, NotificationVerb.LIKED)
    assert liked.actor_count == 3
    assert liked.item == other_post
    assert liked.last_actor == fans[0]
    assert notification_sentence(liked) == "3 people liked Nova the Guide"


def test_a_single_like_names_the_person(alice, post, bob):
    services.content_like_toggle(item=post, actor=bob)

    [liked] = notifications_of(alice, NotificationVerb.LIKED)
    assert notification_sentence(liked) == "bob liked Nova the Guide"


def test_once_read_the_next_like_starts_a_new_notification(alice, post, fans):
    services.content_like_toggle(item=post, actor=fans[0])
    services.notifications_mark_all_read(user=alice)
    services.content_like_toggle(item=post, actor=fans[1])

    newest, older = notifications_of(alice, NotificationVerb.LIKED)
    assert (newest.actor_count, newest.is_read, older.is_read) == (1, False, True)


def test_taking_a_like_back_and_liking_again_counts_the_person_once(alice, post, bob):
    for _ in range(3):
        services.content_like_toggle(item=post, actor=bob)

    [liked] = notifications_of(alice, NotificationVerb.LIKED)
    assert liked.actor_count == 1


def test_comments_are_grouped_apart_from_likes(alice, post, bob, charlie):
    services.comment_create(item=post, actor=bob, text="Lovely.")
    services.comment_create(item=post, actor=charlie, text="Clear skies tonight.")
    services.content_like_toggle(item=post, actor=bob)

    [commented] = notifications_of(alice, NotificationVerb.COMMENTED)
    assert commented.actor_count == 2
    assert notification_sentence(commented) == "2 people commented on Nova the Guide"
    assert len(notifications_of(alice, NotificationVerb.LIKED)) == 1


def test_a_share_link_made_by_someone_else_tells_the_owner(alice, post, bob):
    services.share_link_create(item=post, actor=bob)

    [shared] = notifications_of(alice, NotificationVerb.CONTENT_SHARED)
    assert notification_sentence(shared) == "bob shared Nova the Guide"


def test_own_likes_comments_shares_and_forks_tell_nobody(alice, nova, post):
    services.content_like_toggle(item=post, actor=alice)
    services.comment_create(item=post, actor=alice, text="Thanks for reading.")
    services.share_link_create(item=post, actor=alice)
    persona_fork(persona=nova, actor=alice)

    assert [n.verb for n in notifications_of(alice)] == [NotificationVerb.ACHIEVEMENT]  # "Worth copying"


def test_a_fork_tells_the_parent_s_owner(alice, nova, bob):
    persona_fork(persona=nova, actor=bob)

    [forked] = notifications_of(alice, NotificationVerb.FORKED)
    assert notification_sentence(forked) == "bob forked Nova the Guide"
    assert forked.persona == nova


def test_sharing_a_persona_tells_the_person_it_is_shared_with_once(alice, nova, bob):
    persona_share(persona=nova, actor=alice, username="bob", role=ShareRole.USE)
    persona_share(persona=nova, actor=alice, username="bob", role=ShareRole.EDIT)  # a role change

    [shared] = notifications_of(bob, NotificationVerb.SHARED_WITH_YOU)
    assert notification_sentence(shared) == "alice shared Nova the Guide with you"
    assert shared.detail == "to use"
    assert notifications_of(alice) == []


def test_a_tier_change_tells_the_owner(alice, nova, cognition):
    tier_changed.send(
        sender=Standing,
        attribute=cognition,
        day=timezone.localdate(),
        changes=[AnnouncedChange(nova, Tier.GOLD, Tier.WATCHERS)],
    )

    [changed] = notifications_of(alice, NotificationVerb.TIER_CHANGED)
    assert notification_sentence(changed) == "Nova the Guide changed tier"
    assert changed.detail == f"T5 Gold → T4 Watchers in {cognition.name}"


def test_an_achievement_tells_the_owner_once(alice, nova):
    graduate = Achievement.objects.get(code="tutorial-graduate")
    achievements_award(persona=nova, codes={graduate.code})
    achievements_award(persona=nova, codes={graduate.code})

    [earned] = notifications_of(alice, NotificationVerb.ACHIEVEMENT)
    assert earned.detail == graduate.name


def test_completing_a_quest_tells_the_owner(alice, nova):
    reasoning = Skill.objects.get(slug="reasoning")
    progress_record_answer(persona=nova, skills=[reasoning])
    persona_skill_xp_add(persona=nova, awards=[(reasoning.pk, xp_for_level(2))], reason="t")

    [quest] = notifications_of(alice, NotificationVerb.QUEST_COMPLETED)
    assert notification_sentence(quest) == "Nova the Guide completed a quest"
    assert quest.detail


def test_a_level_up_tells_the_owner_of_the_quest_it_completed_then_of_each_achievement(alice, nova):
    reasoning = Skill.objects.get(slug="reasoning")
    progress_record_answer(persona=nova, skills=[reasoning])
    earlier = list(Notification.objects.filter(recipient=alice).values_list("pk", flat=True))
    persona_skill_xp_add(persona=nova, awards=[(reasoning.pk, xp_for_level(10))], reason="t")

    told = Notification.objects.filter(recipient=alice).exclude(pk__in=earlier).order_by("pk")
    earned = Achievement.objects.filter(code__in=["first-quest", "skill-level-10"])  # by points, then name
    first_quest = Quest.objects.get(attribute__slug="cognition", tier_from=TutorialTier.STONE)
    assert list(told.values_list("verb", "detail")) == [
        (NotificationVerb.QUEST_COMPLETED, first_quest.title),
        *((NotificationVerb.ACHIEVEMENT, a.name) for a in earned),
    ]


def test_a_proposal_tells_the_owners_of_ranked_personas_and_nobody_else(ranked, alice, bob, charlie, maude):
    ranked(Tier.WATCHERS, owner=alice)
    ranked(Tier.SINGULARITY, owner=alice)  # two ranked personas, one notification
    ranked(Tier.GOLD, owner=bob)  # not a ranked tier
    ranked(Tier.ELEMENTOIDS, owner=maude)  # the moderator opening it knows already
    proposal = proposal_create(
        actor=maude,
        title="Which season comes next?",
        text="Pick the theme.",
        choices=["Duels", "Guilds"],
        closes_at=timezone.now() + timedelta(days=7),
    )

    [opened] = notifications_of(alice, NotificationVerb.PROPOSAL_OPENED)
    assert (opened.proposal, opened.detail) == (proposal, "Which season comes next?")
    assert notification_sentence(opened) == "A proposal you can vote on opened"
    assert notifications_of(bob) == notifications_of(charlie) == notifications_of(maude) == []


@needs_postgresql  # SQLite writes one at a time
@pytest.mark.django_db(transaction=True)
def test_concurrent_likes_from_many_people_all_count_in_one_notification(alice, nova):
    post = ContentItemFactory(persona=nova, title="Concurrent")
    fans = [UserFactory(username=f"racer{n}") for n in range(8)]
    barrier = threading.Barrier(len(fans))

    def like(fan):
        try:
            barrier.wait()
            services.content_like_toggle(item=post, actor=fan)
        finally:
            connection.close()

    threads = [threading.Thread(target=like, args=(fan,)) for fan in fans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    [liked] = notifications_of(alice, NotificationVerb.LIKED)
    assert liked.actor_count == len(fans)
