"""The trash page: the owner's deleted personas, each restorable until the purge takes it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import ConflictError, GoneError
from persona import selectors
from persona.services.trash import persona_restore_from_trash, trash_purge_date


@login_required
def persona_trash_page(request):
    personas = list(selectors.persona_trash_for(user=request.user)[:200])
    for persona in personas:
        persona.purge_date = trash_purge_date(persona)
    context = {"personas": personas, "retention_days": settings.PERSONA_TRASH_RETENTION_DAYS}
    return render(request, "persona/trash.html", context)


@login_required
@require_POST
def persona_restore_from_trash_page(request, slug: str):
    persona = selectors.persona_get_trashed_for_user(user=request.user, slug=slug)
    try:
        persona = persona_restore_from_trash(persona=persona, actor=request.user)
    except (GoneError, ConflictError) as error:
        messages.error(request, error.message)
        return redirect("persona:trash")
    messages.success(request, f"“{persona.name}” is out of the trash, exactly as it was.")
    return redirect(persona)
