from django.shortcuts import render

from insights import rules
from persona.selectors import persona_get_for_user


def editable_persona(request, slug: str):
    """(persona, None) for its editors; (persona, 403 page) for others who may see it; 404 otherwise."""
    persona = persona_get_for_user(user=request.user, slug=slug)
    if not rules.can_edit_insights(request.user, persona):
        message = "Only its owner and the people it is shared with for editing may."
        return persona, render(
            request, "persona/forbidden.html", {"persona": persona, "message": message}, status=403
        )
    return persona, None
