"""Reading pages: the list, a persona's page, and the preferred persona."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect, render

from core.cache import anonymous_cache
from core.paging import CappedPaginator
from persona import rules, selectors
from persona.cards import personas_for_cards
from persona.form_fields import capability_label
from persona.forms import DeleteForm, PersonaFilterForm, PreferredPersonaForm
from persona.models import Persona
from persona.panels import panels_for
from persona.services import persona_set_preferred
from persona.tags import personas_with_tag
from persona.views.common import safe_next, visible_persona
from persona.views.timeline import HISTORY_LIMIT, Version, persona_timeline

PAGE_SIZE = 12
SORT_ORDERS = {
    "relevance": ("-created_at", "-id"),  # with no words to match, the newest come first
    "newest": ("-created_at", "-id"),
    "name": (Lower("name"), "id"),
    "popularity": ("-popularity_score", "-created_at", "-id"),
}


@anonymous_cache("personas")
def persona_list(request):
    form = PersonaFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    personas = selectors.persona_list_visible_to(user=request.user)
    personas = selectors.persona_browsable(personas, status=filters.get("status"))
    if filters.get("tag"):
        personas = personas_with_tag(personas, filters["tag"])
    if filters.get("mine"):
        personas = personas.filter(owner=request.user)
    if filters.get("visibility"):
        visibility = filters["visibility"]
        personas = personas.filter(
            selectors.persona_listed_with_visibility(user=request.user, visibility=visibility)
        )
    words, sort = filters.get("q", ""), filters.get("sort") or "relevance"
    if words and sort == "relevance":
        personas = personas.search(words)
    else:
        personas = personas.search(words, by_relevance=False).order_by(*SORT_ORDERS[sort])
    page = CappedPaginator(personas, PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(filters.get(name) for name in ("q", "status", "visibility", "tag", "mine"))
    context = {"form": form, "page": personas_for_cards(page, user=request.user), "filtered": filtered}
    return render(request, "persona/list.html", context)


@anonymous_cache("personas")
def persona_detail(request, slug: str):
    try:
        persona = visible_persona(request, slug)
    except Http404:
        target = selectors.persona_slug_redirect_target(user=request.user, slug=slug)
        if target is None:
            raise
        return redirect(target, permanent=True)
    lineage = selectors.persona_lineage(user=request.user, persona=persona)
    # its tags, level and tier, as on its card; its visible forks were counted with the lineage
    personas_for_cards([persona], user=request.user, forks_counted={persona.pk: lineage.direct_forks})
    context = {
        **_detail_context(request.user, persona, lineage),
        "panels": panels_for("detail", request, persona),
    }
    return render(request, "persona/detail.html", context)


def _detail_context(user, persona: Persona, lineage: selectors.Lineage) -> dict:
    timeline = persona_timeline(persona=persona, user=user)
    return {
        "persona": persona,
        "prompts": persona.prompts.all(),
        "traits": sorted(persona.personality_traits.items()),
        "capabilities": sorted(
            (name, capability_label("", value).lstrip(": ") or "yes")
            for name, value in persona.capabilities.items()
        ),
        "parent_deleted": _parent_deleted(persona, timeline),
        "lineage": lineage,
        "timeline": timeline,
        "delete_form": DeleteForm(),
        "is_preferred": selectors.persona_is_preferred_by(user=user, persona=persona),
        "may": {
            "edit": rules.can_edit(user, persona),
            "manage": rules.can_manage(user, persona),
            "share": rules.can_share(user, persona),
            "fork": rules.can_fork(user, persona),
            "see_definitions": rules.can_view_definitions(user, persona),
        },
    }


def _parent_deleted(persona: Persona, timeline: list[Version]) -> bool:
    """The persona was forked from one that is now soft-deleted or gone altogether (then only its first
    version remembers the parent: read from the timeline when that shows every version)."""
    if persona.forked_from_id is not None:
        return persona.forked_from.is_deleted
    if len(timeline) < HISTORY_LIMIT:
        first = timeline[-1].record if timeline else None
    else:
        first = persona.history.order_by("history_date", "history_id").only("forked_from_id").first()
    return first is not None and first.forked_from_id is not None


@login_required
def persona_preferred(request):
    if request.method == "POST":
        return _set_preferred(request)
    current = selectors.persona_preferred_for(user=request.user)
    form = PreferredPersonaForm(initial={"persona": current}, choices=_choosable(request.user, current))
    context = {"form": form, "current": current, "default": selectors.persona_default()}
    return render(request, "persona/preferred.html", context)


def _set_preferred(request):
    readable = selectors.persona_readable_queryset(user=request.user)
    form = PreferredPersonaForm(request.POST, choices=readable)
    if not form.is_valid():
        messages.error(request, "Choose one of the personas you can see.")
        return redirect("persona:preferred")
    chosen = form.cleaned_data["persona"]
    try:
        persona_set_preferred(user=request.user, persona=chosen)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("persona:preferred")
    if chosen is None:
        messages.success(request, "You no longer have a preferred persona; the default one is chosen first.")
    else:
        messages.success(request, f"“{chosen}” is now your preferred persona: it is chosen first for you.")
    return redirect(safe_next(request) or "persona:preferred")


def _choosable(user, current: Persona | None):
    choices = selectors.persona_list_visible_to(user=user)
    if current is not None:
        choices = choices | Persona.objects.filter(pk=current.pk)
    return choices.order_by(Lower("name"))
