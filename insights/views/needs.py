"""A persona's needs: reading them, generating them (the page refreshes while a generation runs) and
editing them by hand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError
from insights import rules, selectors
from insights.forms import NeedsDocumentForm
from insights.schema import needs_document_to_storage
from insights.services.generation import needs_generation_start
from insights.services.needs import needs_analysis_edit
from insights.views.common import editable_persona
from persona.selectors import persona_get_for_user

POLL_SECONDS = 3


def needs_page(request, slug: str):
    persona = persona_get_for_user(user=request.user, slug=slug)
    state = selectors.needs_state_for(persona=persona)
    context = {
        "persona": persona,
        "state": state,
        "document": state.document_for(request.user),
        "may_edit": rules.can_edit_insights(request.user, persona),
        "poll_seconds": POLL_SECONDS if state.running else None,
    }
    return render(request, "insights/needs.html", context)


@login_required
@require_POST
def needs_generate(request, slug: str):
    persona, refusal = editable_persona(request, slug)
    if refusal:
        return refusal
    try:
        needs_generation_start(persona=persona, actor=request.user)
    except ConflictError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, "Generating the needs; this page updates when they are ready.")
    return redirect("insights:needs", slug=persona.slug)


@login_required
def needs_edit(request, slug: str):
    persona, refusal = editable_persona(request, slug)
    if refusal:
        return refusal
    if request.method == "POST":
        form = NeedsDocumentForm(request.POST)
        if form.is_valid():
            try:
                needs_analysis_edit(
                    persona=persona, actor=request.user, document=form.cleaned_data["document"]
                )
            except ValidationError as error:
                form.add_error("document", error.message_dict.get("document", error.messages))
            else:
                messages.success(request, "The needs were saved.")
                return redirect("insights:needs", slug=persona.slug)
    else:
        document = selectors.needs_state_for(persona=persona).document
        form = NeedsDocumentForm(initial=NeedsDocumentForm.initial_for(needs_document_to_storage(document)))
    return render(request, "insights/needs_form.html", {"persona": persona, "form": form})
