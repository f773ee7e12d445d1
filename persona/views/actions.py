"""Fork, archive and restore, delete and its undo, and sharing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError, GoneError
from persona import rules
from persona.forms import DeleteForm, ForkForm, ShareForm, add_service_errors
from persona.models import Persona
from persona.selectors import persona_get_restorable_for_user
from persona.services import (
    persona_archive,
    persona_delete,
    persona_fork,
    persona_restore,
    persona_share,
    persona_undo_delete,
    persona_unshare,
)
from persona.services.forking import fork_name_suggestion
from persona.services.lifecycle import UNDO_WINDOW_PASSED, undo_deadline, undo_window_open
from persona.views.common import forbidden, visible_persona

ARCHIVED_MESSAGE = "“{}” was archived: out of the lists, it neither answers nor chats until you unarchive it."
SHARED_FOR = {"use": "they may open it, chat with it and fork it", "edit": "they may also change it"}
UNARCHIVED_MESSAGE = "“{}” was unarchived: it is listed and answers again."


@login_required
def persona_fork_page(request, slug: str):
    parent = visible_persona(request, slug)
    if not rules.can_fork(request.user, parent):
        return forbidden(request, parent, "You cannot fork this persona.")
    initial = {"name": fork_name_suggestion(parent, owner=request.user), "description": parent.description}
    form = ForkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fork = persona_fork(persona=parent, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"You forked “{parent.name}”. The fork is private until you share it.")
            return redirect(fork)
    copies_definitions = rules.can_view_definitions(request.user, parent)
    context = {"form": form, "persona": parent, "copies_definitions": copies_definitions}
    return render(request, "persona/fork.html", context)


@login_required
@require_POST
def persona_archive_page(request, slug: str):
    return _change_status(request, slug, persona_archive, ARCHIVED_MESSAGE)


@login_required
@require_POST
def persona_unarchive_page(request, slug: str):
    return _change_status(request, slug, persona_restore, UNARCHIVED_MESSAGE)


def _change_status(request, slug: str, service, message: str):
    persona = visible_persona(request, slug)
    try:
        persona = service(persona=persona, actor=request.user)
    except PermissionDenied as error:
        return forbidden(request, persona, str(error))
    messages.success(request, message.format(persona.name))
    return redirect(persona)


@login_required
def persona_delete_page(request, slug: str):
    persona = visible_persona(request, slug)
    if not rules.can_manage(request.user, persona):
        return forbidden(request, persona, "Only the owner or a moderator deletes a persona.")
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            persona = persona_delete(persona=persona, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _undo_message(request, persona), extra_tags="undo")
            return redirect("persona:list")
    context = {"form": form, "persona": persona, "retention_days": settings.PERSONA_TRASH_RETENTION_DAYS}
    return render(request, "persona/delete.html", context)


def _undo_message(request, persona: Persona) -> str:
    """The flash message after a delete, with an Undo button (a small POST form)."""
    return format_html(
        '“{name}” was deleted. <form method="post" action="{action}" class="inline undo-form" '
        'data-undo-until="{until}"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        '<button type="submit" class="secondary small">Undo</button> '
        '<span class="undo-countdown" aria-hidden="true"></span></form>',
        name=persona.name,
        action=reverse("persona:undo_delete", kwargs={"slug": persona.slug}),
        until=undo_deadline(persona).isoformat(),
        token=get_token(request),
    )


@login_required
def persona_undo_delete_page(request, slug: str):
    persona = persona_get_restorable_for_user(user=request.user, slug=slug)
    if not persona.is_deleted:
        return redirect(persona)
    if request.method != "POST":
        return _undo_page(request, persona)
    try:
        persona = persona_undo_delete(persona=persona, actor=request.user)
    except GoneError as error:
        return _undo_page(request, persona, gone_message=error.message)
    except ConflictError as error:
        messages.error(request, error.message)
        return redirect("persona:list")
    messages.success(request, f"“{persona.name}” is back, exactly as it was.")
    return redirect(persona)


def _undo_page(request, persona: Persona, gone_message: str = ""):
    if not gone_message and not undo_window_open(persona):
        gone_message = UNDO_WINDOW_PASSED
    context = {"persona": persona, "deadline": undo_deadline(persona), "gone_message": gone_message}
    return render(request, "persona/undo_delete.html", context, status=410 if gone_message else 200)


@login_required
def persona_share_page(request, slug: str):
    persona = visible_persona(request, slug)
    if not rules.can_share(request.user, persona):
        return forbidden(request, persona, "Only the owner shares a persona.")
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            share = persona_share(persona=persona, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Shared with {share.user.username}: {SHARED_FOR[share.role]}.")
            return redirect("persona:share", slug=persona.slug)
    shares = persona.shares.select_related("user")
    return render(request, "persona/share.html", {"form": form, "persona": persona, "shares": shares})


@login_required
@require_POST
def persona_unshare_page(request, slug: str):
    persona = visible_persona(request, slug)
    username = request.POST.get("username", "")
    try:
        persona_unshare(persona=persona, actor=request.user, username=username)
    except PermissionDenied as error:
        return forbidden(request, persona, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{username} no longer has access through sharing.")
    return redirect("persona:share", slug=persona.slug)
