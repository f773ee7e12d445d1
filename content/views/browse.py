"""Reading pages: the feed, an item with its comments, a persona's content, and share links."""

from django.http import Http404
from django.shortcuts import redirect, render

from content import rules, selectors, services
from content.forms import CommentForm, FeedFilterForm
from content.models import ContentItem, ContentKind
from content.throttling import ViewIpThrottle
from core.api.throttling import throttled_for
from core.charts import line_chart
from core.paging import CappedPaginator
from metrics.selectors import persona_performance
from persona import selectors as persona_selectors

PAGE_SIZE = 20
NEWEST = ("-created_at", "-id")


def content_feed(request):
    """Content of every persona the visitor may list: newest first, or most liked this week."""
    form = FeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.content_list_visible_to(user=request.user)
    if filters.get("kind"):
        items = items.filter(kind=filters["kind"])
    if filters.get("q"):
        items = selectors.content_search(items, filters["q"])
    liked = filters.get("sort") == "liked"
    items = selectors.content_most_liked(items) if liked else items.order_by(*NEWEST)
    page = CappedPaginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    items = selectors.content_with_counts(user=request.user, items=page.object_list)
    context = {"form": form, "page": page, "items": items, "liked": liked}
    context["filtered"] = bool(filters.get("q") or filters.get("kind"))
    return render(request, "content/feed.html", context)


def content_detail(request, pk: int):
    item = selectors.content_get_for_user(user=request.user, pk=pk)
    _count_view(request, item)
    return render(request, "content/detail.html", detail_context(request, item, CommentForm()))


def detail_context(request, item: ContentItem, comment_form: CommentForm) -> dict:
    user = request.user
    link = selectors.share_link_of(user=user, item=item)
    return {
        "item": selectors.content_with_counts(user=user, items=[item])[0],
        "chat_messages": item.messages.all() if item.kind == ContentKind.CHAT else [],
        "comments": selectors.comments_visible_to(user=user, item=item),
        "comment_form": comment_form,
        "share_url": request.build_absolute_uri(link.get_absolute_url()) if link else None,
        "may": {
            "react": rules.can_react(user, item),
            "hide_comments": rules.can_hide_comments(user, item),
            "delete": rules.can_delete(user, item),
        },
    }


def _count_view(request, item: ContentItem) -> None:
    """Count the view, unless this client IP has had its fill of counted views for now. Anonymous
    viewers are told apart by their session, which this starts when they have none."""
    if throttled_for(request, [ViewIpThrottle]) is not None:
        return
    services.content_view_record(item=item, viewer=request.user, session_key=_session_key(request))


def _session_key(request) -> str:
    if request.user.is_authenticated:
        return ""
    if request.session.session_key is None:
        request.session.save()
        request.session.modified = True  # so the session middleware sends its cookie
    return request.session.session_key


def persona_content(request, slug: str):
    """A persona's content tab: its items, how they perform, and its interactions day by day."""
    try:
        persona = persona_selectors.persona_get_for_user(user=request.user, slug=slug)
    except Http404:
        target = persona_selectors.persona_slug_redirect_target(user=request.user, slug=slug)
        if target is None:
            raise
        return redirect("content:persona", slug=target.slug, permanent=True)
    kind = request.GET.get("kind")
    items = selectors.content_list_visible_to(user=request.user, persona=persona).order_by(*NEWEST)
    if kind in ContentKind.values:
        items = items.filter(kind=kind)
    page = CappedPaginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    performance = persona_performance(persona=persona)
    context = {
        "persona": persona,
        "page": page,
        "items": selectors.content_with_counts(user=request.user, items=page.object_list),
        "kinds": ContentKind.choices,
        "kind": kind if kind in ContentKind.values else "",
        "performance": performance,
        "chart": line_chart([(day, totals.reactions) for day, totals in performance.days]),
        "may_add": rules.can_add_content(request.user, persona),
    }
    return render(request, "content/persona_content.html", context)


def share_link_open(request, token: str):
    """Someone followed a share link to an item they may see: a share, then the item."""
    link = selectors.share_link_get_for_user(user=request.user, token=token)
    if throttled_for(request, [ViewIpThrottle]) is None:
        services.share_link_use(link=link, visitor=request.user, session_key=_session_key(request))
    return redirect(link.item)
