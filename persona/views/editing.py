"""Create and edit pages (persona form + prompts formset), and restoring an earlier version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from persona import rules
from persona.forms import PersonaForm, PromptFormSet, add_service_errors, prompts_from_formset
from persona.models import Persona
from persona.services import persona_create, persona_restore_version, persona_update
from persona.views.common import forbidden, visible_persona
from persona.views.timeline import version_changes_from_current


@login_required
def persona_create_page(request):
    blank = Persona(owner=request.user)
    form, formset = _bind(request, blank)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            persona = persona_create(
                owner=request.user, prompts=prompts_from_formset(formset), **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{persona.name}” was created.")
            return redirect(persona)
    return _render_form(request, form, formset, persona=None)


@login_required
def persona_edit(request, slug: str):
    persona = visible_persona(request, slug)
    if not rules.can_edit(request.user, persona):
        return forbidden(request, persona, "Only its owner and the people it is shared with for editing may.")
    form, formset = _bind(request, persona)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            persona = persona_update(
                persona=persona,
                actor=request.user,
                prompts=prompts_from_formset(formset),
                **form.service_fields(),
            )
        except PermissionDenied as error:
            return forbidden(request, persona, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your changes to “{persona.name}” were saved.")
            return redirect(persona)
    return _render_form(request, form, formset, persona=persona)


def _bind(request, persona: Persona):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    may_manage = persona.pk is None or rules.can_manage(request.user, persona)
    # The form gets its own copy: model validation writes the input onto the instance.
    copy = Persona.objects.filter(pk=persona.pk).first() or persona
    form = PersonaForm(data, files, instance=copy, user=request.user, may_manage=may_manage)
    formset = PromptFormSet(data, instance=persona, prefix="prompts")
    return form, formset


def _render_form(request, form, formset, *, persona: Persona | None):
    if form.is_bound:
        form.keep_chosen_image()
    context = {"form": form, "formset": formset, "persona": persona}
    return render(request, "persona/form.html", context)


@login_required
def persona_restore_version_page(request, slug: str, history_id: int):
    """GET: what restoring the version would bring back, and a button to confirm; POST: restore it."""
    persona = visible_persona(request, slug)
    if not rules.can_edit(request.user, persona):
        return forbidden(request, persona, "Only its editors may restore an earlier version.")
    if request.method != "POST":
        return _confirm_restore_page(request, persona, history_id)
    try:
        persona = persona_restore_version(persona=persona, actor=request.user, history_id=history_id)
    except PermissionDenied as error:
        return forbidden(request, persona, str(error))
    except ValidationError as error:
        messages.error(request, "That version could not be restored: " + " ".join(error.messages))
    else:
        messages.success(request, "The earlier version is back. The history keeps the version it replaced.")
    return redirect(persona)


def _confirm_restore_page(request, persona: Persona, history_id: int):
    version = persona.history.filter(history_id=history_id).select_related("history_user").first()
    if version is None:
        raise Http404("No such version of this persona.")
    changes = version_changes_from_current(persona=persona, version=version, user=request.user)
    context = {"persona": persona, "version": version, "changes": changes}
    return render(request, "persona/restore_version.html", context)
