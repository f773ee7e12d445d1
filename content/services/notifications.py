"""Writes of notifications. The receivers of other apps' signals (content.handlers) call these inside the
senders' transactions; nobody is ever told about their own doing. Pages and the API mark them read."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from content.models import GROUPED_VERBS, Notification, NotificationActor
from content.notifications import notification_list_for, notification_unread_count_forget


@transaction.atomic(savepoint=False)
def notification_group_add(*, recipient_id: int, verb: str, persona, actor, item=None) -> Notification | None:
    """ "12 people liked Nova": one unread notification per recipient, verb and persona counts the people
    behind it. Under a row lock, a new person adds one with F(); a person already counted only moves it to
    the top. Once it is read, the next reaction starts a new one."""
    if actor is None or actor.pk == recipient_id:
        return None
    if verb not in GROUPED_VERBS:
        raise ValueError(f"{verb!r} is not a grouped notification.")
    notification = _unread_group_locked(recipient_id, verb, persona) or _group_start(
        recipient_id, verb, persona
    )
    joined = not NotificationActor.objects.filter(notification=notification, actor=actor).exists()
    if joined:
        NotificationActor.objects.create(notification=notification, actor=actor)
    Notification.objects.filter(pk=notification.pk).update(
        actor_count=F("actor_count") + int(joined),
        last_actor=actor,
        item=item if item is not None else F("item"),
        updated_at=timezone.now(),
    )
    notification_unread_count_forget(recipient_id)
    return notification


def _unread_group_locked(recipient_id: int, verb: str, persona) -> Notification | None:
    unread = Notification.objects.filter(recipient_id=recipient_id, verb=verb, persona=persona, read_at=None)
    return unread.select_for_update().first()


def _group_start(recipient_id: int, verb: str, persona) -> Notification:
    """A new group with nobody in it yet; when a concurrent request started it first (the partial unique
    constraint says so), theirs, locked."""
    try:
        with transaction.atomic():
            return Notification.objects.create(recipient_id=recipient_id, verb=verb, persona=persona)
    except IntegrityError:
        return _unread_group_locked(recipient_id, verb, persona)


def notification_create(
    *, recipient_id: int, verb: str, persona=None, proposal=None, actor=None, detail: str = ""
) -> Notification | None:
    """A notification of its own (a tier change, a share, a proposal)."""
    if actor is not None and actor.pk == recipient_id:
        return None
    notification = Notification.objects.create(
        recipient_id=recipient_id,
        verb=verb,
        persona=persona,
        proposal=proposal,
        last_actor=actor,
        actor_count=int(actor is not None),
        detail=detail[:200],
    )
    notification_unread_count_forget(recipient_id)
    return notification


def notifications_about_persona(*, persona, news: list[tuple[str, str]]) -> list[Notification]:
    """Several notifications of their own for the owner of one persona, in one insert: `news` is a list
    of (verb, detail), in the order they happened (the quests and achievements of one score)."""
    return _notifications_to_owners([(persona, verb, detail) for verb, detail in news])


def notifications_to_owners(*, verb: str, news: list[tuple]) -> list[Notification]:
    """One notification for the owner of each persona, in one insert: `news` is a list of (persona,
    detail) (the tier changes of a daily recalculation)."""
    return _notifications_to_owners([(persona, verb, detail) for persona, detail in news])


def _notifications_to_owners(rows: list[tuple]) -> list[Notification]:
    """(persona, verb, detail) rows, each for the persona's owner, in one insert."""
    created = Notification.objects.bulk_create(
        [
            Notification(recipient_id=persona.owner_id, verb=verb, persona=persona, detail=detail[:200])
            for persona, verb, detail in rows
        ]
    )
    if created:
        notification_unread_count_forget(*{persona.owner_id for persona, _, _ in rows})
    return created


def notifications_fan_out(*, recipient_ids, verb: str, proposal, detail: str = "") -> int:
    """The same news for many people in one insert (a proposal for every owner who may vote on it)."""
    recipient_ids = sorted(set(recipient_ids))
    Notification.objects.bulk_create(
        [
            Notification(recipient_id=pk, verb=verb, proposal=proposal, detail=detail[:200])
            for pk in recipient_ids
        ]
    )
    notification_unread_count_forget(*recipient_ids)
    return len(recipient_ids)


def notification_mark_read(*, user, pk: int) -> Notification:
    """One of the user's notifications, read; a notification they may not see answers 404."""
    notification = notification_list_for(user=user).filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=notification.read_at)
        notification_unread_count_forget(user.pk)
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Every unread notification of the user, read; returns how many."""
    marked = Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())
    notification_unread_count_forget(user.pk)
    return marked
