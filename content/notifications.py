"""Reads of notifications, and the cached unread count the bell in every page's header shows.

A notification about a persona shows only while its recipient may still open that persona: a share
taken back, a persona turned private or deleted hides what was said about it (the row stays, and shows
again if access comes back). The bell's count is read once and cached per user; every write to a
user's notifications drops it, and so do the changes of who may see a persona (a share taken back, a
persona made private or deleted); it expires within a minute anyway (UNREAD_COUNT_TIMEOUT)."""

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.urls import reverse

from content.models import Notification
from content.models import NotificationVerb as Verb
from persona.selectors import persona_readable_queryset

UNREAD_COUNT_TIMEOUT = 60


def notification_list_for(*, user) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    still_visible = Q(persona__isnull=True) | Q(persona__in=persona_readable_queryset(user=user).values("pk"))
    return (
        Notification.objects.filter(still_visible, recipient=user)
        .select_related("persona", "item", "proposal", "last_actor")
        .order_by("-updated_at", "-id")
    )


def notification_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return cache.get_or_set(
        _unread_key(user.pk),
        lambda: notification_list_for(user=user).filter(read_at__isnull=True).count(),
        UNREAD_COUNT_TIMEOUT,
    )


def notification_unread_count_forget(*user_ids: int) -> None:
    """Drop these users' counts at once, so the rest of this request reads them afresh. A page read
    in the moment before the write commits may cache the old number again: the expiry bounds that."""
    cache.delete_many([_unread_key(pk) for pk in user_ids])


def notification_unread_count_forget_about(*, persona) -> None:
    """Who may see this persona changed (made private, deleted): the counts of everyone told about it."""
    told = Notification.objects.filter(persona=persona, read_at=None).values_list("recipient_id", flat=True)
    notification_unread_count_forget(*set(told))


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


# What each verb says: "{who}" is the people behind it, "{persona}" the persona's name.
SENTENCES = {
    Verb.LIKED: "{who} liked {persona}",
    Verb.COMMENTED: "{who} commented on {persona}",
    Verb.CONTENT_SHARED: "{who} shared {persona}",
    Verb.FORKED: "{who} forked {persona}",
    Verb.SHARED_WITH_YOU: "{who} shared {persona} with you",
    Verb.TIER_CHANGED: "{persona} changed tier",
    Verb.ACHIEVEMENT: "{persona} earned an achievement",
    Verb.QUEST_COMPLETED: "{persona} completed a quest",
    Verb.PROPOSAL_OPENED: "A proposal you can vote on opened",
}


def notification_sentence(notification: Notification) -> str:
    """ "12 people liked Nova", "bob forked Nova", "Nova changed tier" (its detail says how)."""
    actor = notification.last_actor
    if notification.actor_count > 1:
        who = f"{notification.actor_count} people"
    else:
        who = actor.username if actor is not None else "Someone"
    persona = notification.persona.name if notification.persona is not None else ""
    return SENTENCES[notification.verb].format(who=who, persona=persona)


def notification_link(notification: Notification) -> str:
    """Where the notification leads: the item reacted to, the proposal, else the persona."""
    target = notification.item or notification.proposal or notification.persona
    return target.get_absolute_url() if target is not None else reverse("notifications:list")
