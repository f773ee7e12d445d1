"""The export form of the details page answers the file itself (JSON, CSV or PDF)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from insights.details import persona_for_details
from insights.research import persona_export
from insights.research_forms import ExportForm


@login_required
@require_POST
def persona_export_page(request, slug: str):
    persona = persona_for_details(user=request.user, slug=slug)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a format to export: JSON, CSV or PDF.")
        return redirect("insights:details", slug=persona.slug)
    exported = persona_export(user=request.user, persona=persona, request=request, **form.cleaned_data)
    response = HttpResponse(exported.body, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
