"""Editing a persona's research profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from insights import selectors
from insights.forms import ResearchProfileForm
from insights.models import ResearchProfile
from insights.services.profiles import research_profile_save
from insights.views.common import editable_persona
from persona.forms import add_service_errors


@login_required
def research_profile_edit(request, slug: str):
    persona, refusal = editable_persona(request, slug)
    if refusal:
        return refusal
    instance = selectors.research_profile_for(persona=persona) or ResearchProfile(persona=persona)
    form = ResearchProfileForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            research_profile_save(persona=persona, actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The research profile of “{persona.name}” was saved.")
            return redirect(persona)
    versions = selectors.research_profile_versions(profile=instance if instance.pk else None)
    context = {"persona": persona, "form": form, "versions": versions}
    return render(request, "insights/profile_form.html", context)
