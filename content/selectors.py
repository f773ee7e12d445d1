"""Reads of content. An item is visible exactly when its persona is, through the persona selectors: lists,
the feed and search use the *listed* personas (public, own, shared; all for moderators), a single item
and a persona's own content the *readable* ones (unlisted by link too). A soft-deleted persona's content
vanishes with it. Whoever may not see an item gets the 404 of one that does not exist."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from content import rules
from content.models import ContentComment, ContentItem, ContentLike, ShareLink
from core.uploads import UploadAccess
from metrics.selectors import performance_of_items
from persona.models import Persona
from persona.selectors import persona_list_visible_to, persona_readable_queryset

TRENDING_DAYS = 7


def _items() -> QuerySet[ContentItem]:
    return ContentItem.objects.select_related("persona", "persona__owner", "author")


def content_list_visible_to(*, user, persona: Persona | None = None) -> QuerySet[ContentItem]:
    """Items of listed personas, newest first, or all items of one persona the caller already may see."""
    if persona is not None:
        return _items().filter(persona=persona)
    return _items().filter(persona__in=persona_list_visible_to(user=user).values("pk"))


def content_latest_of(*, persona: Persona, count: int) -> list[ContentItem]:
    """The persona's newest `count` items, for a page that already may show the persona: without reading
    it and its owner again (each item's `persona` is the one given)."""
    items = list(ContentItem.objects.filter(persona=persona).order_by("-created_at", "-id")[:count])
    for item in items:
        item.persona = persona
    return items


def content_readable_queryset(*, user) -> QuerySet[ContentItem]:
    """Items of every persona the caller may open by link (the admin's scope, one item by id)."""
    return _items().filter(persona__in=persona_readable_queryset(user=user).values("pk"))


def content_get_for_user(*, user, pk) -> ContentItem:
    try:
        item = content_readable_queryset(user=user).filter(pk=pk).first()
    except (TypeError, ValueError):  # a malformed id from a URL
        item = None
    if item is None:
        raise Http404("No content found.")
    return item


def content_search(items: QuerySet[ContentItem], text: str) -> QuerySet[ContentItem]:
    """Items whose title or text holds every word (case-insensitive)."""
    for word in text.split():
        items = items.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return items


def content_most_liked(items: QuerySet[ContentItem], *, days: int = TRENDING_DAYS) -> QuerySet[ContentItem]:
    """Items liked in the last `days` days, most counted likes first (`recent_likes`). Filtering on the
    likes before counting them makes the database read that week's likes only."""
    since = timezone.now() - timedelta(days=days)
    return (
        items.filter(likes__created_at__gte=since, likes__counted=True)
        .annotate(recent_likes=Count("likes"))
        .order_by("-recent_likes", "-created_at", "-id")
    )


def content_with_counts(*, user, items) -> list[ContentItem]:
    """The items, each with `totals` (what counts of its reactions, metrics.engagement) and `liked` (by
    the user), in two queries whatever their number."""
    items = list(items)
    ids = [item.pk for item in items]
    totals = performance_of_items(item_ids=ids)
    liked = set()
    if user.is_authenticated:
        liked = set(ContentLike.objects.filter(user=user, item_id__in=ids).values_list("item_id", flat=True))
    for item in items:
        item.totals, item.liked = totals[item.pk], item.pk in liked
    return items


def comments_visible_to(*, user, item: ContentItem) -> QuerySet[ContentComment]:
    """An item's comments, oldest first; hidden ones only for those who may hide or show them again."""
    comments = item.comments.select_related("author", "hidden_by")
    if rules.can_hide_comments(user, item):
        return comments
    return comments.filter(hidden_at__isnull=True)


def comment_get_for_user(*, user, pk) -> ContentComment:
    """A comment of an item the user may see (hidden ones too: hiding and showing them find them here)."""
    readable = persona_readable_queryset(user=user).values("pk")
    comments = ContentComment.objects.select_related("item__persona__owner")
    try:
        comment = comments.filter(pk=pk, item__persona__in=readable).first()
    except (TypeError, ValueError):
        comment = None
    if comment is None:
        raise Http404("No comment found.")
    return comment


def share_link_of(*, user, item: ContentItem) -> ShareLink | None:
    """The user's own share link of the item, if they made one."""
    if not user.is_authenticated:
        return None
    return ShareLink.objects.filter(item=item, created_by=user).first()


def share_link_get_for_user(*, user, token: str) -> ShareLink:
    link = ShareLink.objects.filter(token=token).first()
    if link is None:
        raise Http404("No content found.")
    link.item = content_get_for_user(user=user, pk=link.item_id)
    return link


def content_upload_access(*, user, name: str) -> UploadAccess:
    """An item's image or thumbnail is for whoever may see the item, and no one else."""
    showing = ContentItem.objects.filter(Q(image=name) | Q(thumbnail=name))
    if showing.filter(persona__in=Persona.objects.public().values("pk")).exists():
        return UploadAccess.PUBLIC
    if showing.filter(persona__in=persona_readable_queryset(user=user).values("pk")).exists():
        return UploadAccess.RESTRICTED
    return UploadAccess.NONE
