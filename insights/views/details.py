"""`/personas/<slug>/details/`: a persona's research details in four sections (Overview, Profile, Needs,
Insights) beside an actions rail. On a phone the sections become a select and the rail a menu
(insights/static/insights/details.js; without it every section shows, one under the other)."""

import json

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from insights import rules
from insights.details import persona_details_for, persona_for_details
from insights.exports import FORMATS
from insights.models import EducationLevel, IncomeBracket, ResearchProfile
from insights.sections import SECTION_LABELS
from persona import rules as persona_rules
from persona import selectors as persona_selectors

SEVERITY_SHOWN = {  # not colour alone: a word and a shape say it too
    "high": {"label": "High", "icon": "▲"},
    "medium": {"label": "Medium", "icon": "◆"},
    "low": {"label": "Low", "icon": "●"},
}


def _choice_label(choices, value) -> str | None:
    return choices(value).label if value in choices.values else value


def _score_rows(scores: dict | None) -> list[tuple[str, float | None]]:
    """(label, score) of each dimension, labelled as the profile's fields are; none when all are unset."""
    if not scores or all(score is None for score in scores.values()):
        return []
    return [(ResearchProfile._meta.get_field(name).verbose_name, score) for name, score in scores.items()]


def _pains_shown(needs: dict | None) -> list[dict]:
    pains = (needs or {}).get("pain_points", [])
    return [{**pain, "shown": SEVERITY_SHOWN[pain["severity_level"]]} for pain in pains]


def _page_context(request, persona, details: dict) -> dict:
    context = details.get("rag_context_details")
    return {
        "persona": persona,
        "details": details,
        "sections": SECTION_LABELS,
        "education_label": _choice_label(EducationLevel, details["education_level"]),
        "income_label": _choice_label(IncomeBracket, details["income_bracket"]),
        "big_five": _score_rows(details["big_five"]),
        "hofstede": _score_rows(details["hofstede"]),
        "pains": _pains_shown(details["needs_and_pains"]),
        "context_text": json.dumps(context, indent=2, ensure_ascii=False) if context else "",
        "generated_at": parse_datetime((details["needs_and_pains"] or {}).get("generated_at") or ""),
        "audit_log": [{**entry, "at": parse_datetime(entry["at"])} for entry in details["audit_log"]],
        "formats": FORMATS,
        "may": {
            "edit": rules.can_edit_insights(request.user, persona),
            "manage": persona_rules.can_manage(request.user, persona),
            "audit": rules.can_view_audit_log(request.user, persona),
        },
        "links": {
            name: reverse(f"insights:{name}", kwargs={"slug": persona.slug})
            for name in ("messaging", "needs_generate", "needs_edit", "profile_edit")
        },
    }


def persona_details_page(request, slug: str):
    try:
        persona = persona_for_details(user=request.user, slug=slug)
    except Http404:
        target = persona_selectors.persona_slug_redirect_target(user=request.user, slug=slug)
        if target is None:
            raise
        return redirect("insights:details", slug=target.slug, permanent=True)
    details = persona_details_for(user=request.user, persona=persona, via="page", request=request)
    return render(request, "insights/details.html", _page_context(request, persona, details))
