"""Reacting on the pages: like (and take it back), comment, hide a comment, make a share link. Each is a
POST form that works without JavaScript and goes back to where it was sent from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_POST

from content import selectors, services
from content.forms import CommentForm
from content.throttling import REACTION_THROTTLES, ReactionsThrottled
from content.views.browse import detail_context
from content.views.common import back_to
from core.api.throttling import throttled_for
from persona.forms import add_service_errors


def _too_many(request) -> str | None:
    """The message to show when this reaction is over the limits, else None."""
    wait = throttled_for(request, REACTION_THROTTLES)
    return None if wait is None else str(ReactionsThrottled(wait).detail)


@login_required
@require_POST
def like_toggle(request, pk: int):
    item = selectors.content_get_for_user(user=request.user, pk=pk)
    if refused := _too_many(request):
        messages.error(request, refused)
    else:
        services.content_like_toggle(item=item, actor=request.user)
    return back_to(request, item, "#reactions")


@login_required
@require_POST
def comment_create(request, pk: int):
    item = selectors.content_get_for_user(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    status = 400
    if refused := _too_many(request):
        form.add_error(None, refused)
        status = 429
    elif form.is_valid():
        try:
            services.comment_create(item=item, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your comment is posted.")
            return back_to(request, item, "#comments")
    return render(request, "content/detail.html", detail_context(request, item, form), status=status)


@login_required
@require_POST
def comment_hide(request, pk: int):
    comment = selectors.comment_get_for_user(user=request.user, pk=pk)
    hidden = request.POST.get("hidden") != "0"
    services.comment_set_hidden(comment=comment, actor=request.user, hidden=hidden)
    messages.success(
        request, "The comment is hidden: it no longer counts." if hidden else "The comment shows again."
    )
    return back_to(request, comment.item, "#comments")


@login_required
@require_POST
def share_link_create(request, pk: int):
    item = selectors.content_get_for_user(user=request.user, pk=pk)
    if refused := _too_many(request):
        messages.error(request, refused)
    else:
        services.share_link_create(item=item, actor=request.user)
        messages.success(request, "Your share link is ready: copy it below.")
    return back_to(request, item, "#share")
