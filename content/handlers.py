"""Receivers of other apps' signals (and content's own): each a call to a content service. Prompt answers
become content; what happens to a persona becomes a notification for its owner (content.notifications)."""

from content.models import NotificationVerb as Verb
from content.notifications import notification_unread_count_forget, notification_unread_count_forget_about
from content.services import (
    content_answer_sync,
    content_from_answer,
    notification_create,
    notification_group_add,
    notifications_about_persona,
    notifications_fan_out,
    notifications_to_owners,
)
from metrics.selectors import ranked_standings
from metrics.tiers import Tier


def publish_answer(sender, answer, **kwargs):
    content_from_answer(answer=answer)


def follow_answer_edit(sender, answer, **kwargs):
    content_answer_sync(answer=answer)


def notify_liked(sender, item, actor, **kwargs):
    persona = item.persona
    notification_group_add(
        recipient_id=persona.owner_id, verb=Verb.LIKED, persona=persona, actor=actor, item=item
    )


def notify_commented(sender, comment, actor, **kwargs):
    item = comment.item
    persona = item.persona
    notification_group_add(
        recipient_id=persona.owner_id, verb=Verb.COMMENTED, persona=persona, actor=actor, item=item
    )


def notify_content_shared(sender, item, actor, **kwargs):
    persona = item.persona
    notification_group_add(
        recipient_id=persona.owner_id, verb=Verb.CONTENT_SHARED, persona=persona, actor=actor, item=item
    )


def notify_forked(sender, parent, fork, actor, **kwargs):
    notification_group_add(recipient_id=parent.owner_id, verb=Verb.FORKED, persona=parent, actor=actor)


def notify_shared_with_you(sender, persona, user, actor, role, **kwargs):
    notification_create(
        recipient_id=user.pk, verb=Verb.SHARED_WITH_YOU, persona=persona, actor=actor, detail=f"to {role}"
    )


def notify_tier_changed(sender, attribute, changes, **kwargs):
    """Each owner told of their persona's new tier, a batch of changes in one insert."""
    news = [
        (change.persona, f"{Tier(change.from_tier).label} → {Tier(change.to_tier).label} in {attribute.name}")
        for change in changes
    ]
    notifications_to_owners(verb=Verb.TIER_CHANGED, news=news)


def notify_rewards(sender, persona, quests, achievements, **kwargs):
    """The quests completed and achievements earned by one change, told in one insert (no emoji in pages:
    the icon stays in the API)."""
    news = [(Verb.QUEST_COMPLETED, quest.title) for quest in quests]
    news += [(Verb.ACHIEVEMENT, achievement.name) for achievement in achievements]
    notifications_about_persona(persona=persona, news=news)


def notify_proposal_opened(sender, proposal, **kwargs):
    """Every owner of a persona holding a ranked tier may vote; the moderator who opened it knows."""
    owners = ranked_standings().exclude(persona__owner_id=proposal.created_by_id)
    recipient_ids = owners.values_list("persona__owner_id", flat=True).distinct()
    notifications_fan_out(
        recipient_ids=recipient_ids, verb=Verb.PROPOSAL_OPENED, proposal=proposal, detail=proposal.title
    )


def forget_unread_count_of_unshared(sender, persona, user, **kwargs):
    notification_unread_count_forget(user.pk)


def forget_unread_counts_on_visibility(sender, persona, changed_fields, **kwargs):
    """Made private or public again: notifications about it hide or show again."""
    if "visibility" in changed_fields:
        notification_unread_count_forget_about(persona=persona)


def forget_unread_counts_of_persona(sender, persona, **kwargs):
    """Deleted or brought back."""
    notification_unread_count_forget_about(persona=persona)
