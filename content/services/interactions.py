"""How people react to content: views, likes, comments and shares. What counts goes to metrics in the
same transaction: the item's and the persona's day's counts and its popularity
(metrics.services.performance_record), and the persona's rating (metrics.services.interaction_record,
which counts signed-in people only, each at most a few times per kind). The persona owner's own views,
likes and comments count for nothing, nor do hidden comments."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from content import rules, signals
from content.models import ContentComment, ContentItem, ContentLike, ContentView, ShareLink, ShareLinkUse
from metrics.models import InteractionKind
from metrics.services import interaction_record, performance_record
from persona import rules as persona_rules


def _require_may_react(actor, item: ContentItem) -> None:
    if not rules.can_react(actor, item):
        raise PermissionDenied("Log in to like, comment on or share content.")


def _count(item: ContentItem, *, actor, kind: str) -> None:
    performance_record(persona=item.persona, item_id=item.pk, kind=kind)
    interaction_record(persona=item.persona, actor=actor, kind=kind)


def _take_back(item: ContentItem, *, kind: str, made_at) -> None:
    """A counted like withdrawn or comment hidden comes off the day it was made (the rating's tally
    keeps it: a person counts there at most a few times per kind anyway)."""
    performance_record(
        persona=item.persona, item_id=item.pk, kind=kind, change=-1, day=timezone.localdate(made_at)
    )


def _visitor(user, session_key: str) -> dict | None:
    """Who a visit is from: the account when signed in, else the anonymous session (None without one)."""
    if user.is_authenticated:
        return {"visitor": user}
    return {"session_key": session_key} if session_key else None


def _first_today(model, **keys) -> bool:
    """Record the visit unless this visitor made it today already (a racing twin loses on the constraint)."""
    today = timezone.localdate()
    if model.objects.filter(day=today, **keys).exists():
        return False
    try:
        with transaction.atomic():
            model.objects.create(day=today, **keys)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def content_view_record(*, item: ContentItem, viewer, session_key: str = "") -> bool:
    """A view counts once per viewer (an anonymous one by session), item and day; the owner's never."""
    visitor = _visitor(viewer, session_key)
    if visitor is None or persona_rules.is_owner(viewer, item.persona):
        return False
    if not _first_today(ContentView, item=item, **visitor):
        return False
    _count(item, actor=viewer, kind=InteractionKind.VIEW)
    return True


@transaction.atomic
def content_like_toggle(*, item: ContentItem, actor) -> bool:
    """Like the item, or take back the like; True when it is liked now. One like per person."""
    _require_may_react(actor, item)
    existing = ContentLike.objects.select_for_update().filter(item=item, user=actor).first()
    if existing is not None:
        existing.delete()
        if existing.counted:
            _take_back(item, kind=InteractionKind.LIKE, made_at=existing.created_at)
        return False
    like = ContentLike(item=item, user=actor, counted=not persona_rules.is_owner(actor, item.persona))
    try:
        with transaction.atomic():
            like.save()
    except IntegrityError:  # the same person's twin request liked it a moment ago
        return True
    if like.counted:
        _count(item, actor=actor, kind=InteractionKind.LIKE)
    signals.content_liked.send(sender=ContentItem, item=item, actor=actor)
    return True


@transaction.atomic
def comment_create(*, item: ContentItem, actor, text: str) -> ContentComment:
    _require_may_react(actor, item)
    counted = not persona_rules.is_owner(actor, item.persona)
    comment = ContentComment(item=item, author=actor, text=text.strip(), counted=counted)
    comment.full_clean()
    comment.save()
    if comment.counted:
        _count(item, actor=actor, kind=InteractionKind.COMMENT)
    signals.content_commented.send(sender=ContentComment, comment=comment, actor=actor)
    return comment


@transaction.atomic
def comment_set_hidden(*, comment: ContentComment, actor, hidden: bool) -> ContentComment:
    """The persona's owner and moderators hide a comment (it stops counting) or show it again."""
    item = comment.item
    if not rules.can_hide_comments(actor, item):
        raise PermissionDenied("Only the persona's owner and moderators hide comments.")
    comment = ContentComment.objects.select_for_update().get(pk=comment.pk)
    comment.item = item
    if comment.is_hidden == hidden:
        return comment
    comment.hidden_at, comment.hidden_by = (timezone.now(), actor) if hidden else (None, None)
    comment.save(update_fields=["hidden_at", "hidden_by"])
    if comment.counted and hidden:
        _take_back(item, kind=InteractionKind.COMMENT, made_at=comment.created_at)
    elif comment.counted:
        day = timezone.localdate(comment.created_at)
        performance_record(persona=item.persona, item_id=item.pk, kind=InteractionKind.COMMENT, day=day)
    return comment


@transaction.atomic
def share_link_create(*, item: ContentItem, actor) -> tuple[ShareLink, bool]:
    """The actor's link to the item, made on first asking (a share, unless the owner's); (link, made now)."""
    _require_may_react(actor, item)
    link = ShareLink.objects.filter(item=item, created_by=actor).first()
    if link is not None:
        return link, False
    link = ShareLink(item=item, created_by=actor, token=secrets.token_urlsafe(16))
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:  # the same person's twin request made it a moment ago
        return ShareLink.objects.get(item=item, created_by=actor), False
    if not persona_rules.is_owner(actor, item.persona):
        _count(item, actor=actor, kind=InteractionKind.SHARE)
    signals.content_shared.send(sender=ContentItem, item=item, actor=actor, link=link)
    return link, True


@transaction.atomic
def share_link_use(*, link: ShareLink, visitor, session_key: str = "") -> bool:
    """Someone followed a share link: a share by the link's maker, once per visitor, link and day; the
    maker's and the persona owner's own visits through it are none."""
    item = link.item
    who = _visitor(visitor, session_key)
    own = visitor.is_authenticated and visitor.pk in (link.created_by_id, item.persona.owner_id)
    if who is None or own or not _first_today(ShareLinkUse, link=link, **who):
        return False
    _count(item, actor=link.created_by, kind=InteractionKind.SHARE)
    return True
