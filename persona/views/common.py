"""Helpers the persona pages share: look-ups that 404 like a missing persona, and the 403 page."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from persona import selectors
from persona.models import Persona


def visible_persona(request, slug: str) -> Persona:
    """The persona the user may see, or 404 exactly as if it did not exist."""
    return selectors.persona_get_for_user(user=request.user, slug=slug)


def forbidden(request, persona: Persona, message: str):
    """A visible persona the user may not change: say so plainly (403)."""
    context = {"persona": persona, "message": message}
    return render(request, "persona/forbidden.html", context, status=403)


def safe_next(request) -> str | None:
    """The `next` field of a POST when it points back into this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else None
