"""`/personas/<slug>/compare/`: the persona beside one or two others the user may see, by sections,
the rows where they differ marked (in words as well as colour), with their Gower similarity."""

from django.contrib.auth.decorators import login_required
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime

from insights.details import persona_for_details
from insights.models import EducationLevel, IncomeBracket
from insights.research import personas_compare
from insights.research_forms import MAX_CHOICES, CompareForm
from insights.sections import SECTION_LABELS, SECTIONS, field_label, sections_normalize
from persona.selectors import persona_list_visible_to

CHOICE_LABELS = dict(EducationLevel.choices) | dict(IncomeBracket.choices)
HIDDEN_ROWS = {"id", "full_name"}  # the column headings already say whose each column is


def _choices(user, persona, wanted):
    listed = persona_list_visible_to(user=user).exclude(pk=persona.pk).order_by(Lower("name"))
    chosen = [one for one in wanted if one is not None and one.pk != persona.pk]
    extra = [one for one in chosen if one.pk not in {p.pk for p in listed[:MAX_CHOICES]}]
    return [*extra, *listed[:MAX_CHOICES]]


def _requested(request, persona):
    """The personas named in the query that the user may see (others simply are not offered)."""
    wanted = []
    for name in ("first", "second"):
        try:
            wanted.append(persona_for_details(user=request.user, pk=int(request.GET.get(name, ""))))
        except (ValueError, Http404):
            wanted.append(None)
    return wanted


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, str) and (moment := parse_datetime(value)) is not None:
        return date_format(localtime(moment), "DATETIME_FORMAT")
    if isinstance(value, str) and value in CHOICE_LABELS:
        return CHOICE_LABELS[value]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict) and "jobs_to_be_done" in value:
        return _needs_shown(value)
    if isinstance(value, dict):
        return "; ".join(f"{key.replace('_', ' ')}: {_shown(item)}" for key, item in value.items())
    return str(value)


def _needs_shown(needs: dict) -> str:
    jobs = [job["statement"] for job in needs["jobs_to_be_done"][:3]]
    pains = [f"{pain['title']} ({pain['severity']}/10)" for pain in needs["pain_points"][:3]]
    return f"Top jobs: {' | '.join(jobs) or '—'} — Worst pains: {', '.join(pains) or '—'}"


def _table(report: dict, sections) -> list[dict]:
    personas = report["personas"]
    differing = set(personas[0].get("_differences", []))
    groups = []
    for section in sections_normalize(sections):
        rows = [
            {
                "label": field_label(field),
                "values": [_shown(one.get(field)) for one in personas],
                "differs": field in differing,
            }
            for field in SECTIONS[section]
            if field not in HIDDEN_ROWS
        ]
        groups.append({"label": SECTION_LABELS[section], "rows": rows})
    return groups


@login_required
def persona_compare_page(request, slug: str):
    persona = persona_for_details(user=request.user, slug=slug)
    wanted = _requested(request, persona)
    form = CompareForm(request.GET or None, choices=_choices(request.user, persona, wanted))
    context = {"persona": persona, "form": form, "report": None}
    if form.is_bound and form.is_valid():
        others = [one for one in wanted if one is not None]
        sections = form.cleaned_data["sections"]
        report = personas_compare(
            user=request.user, personas=[persona, *others], sections=sections, request=request
        )
        context.update(report=report, table=_table(report, sections), compared=[persona, *others])
        context["key_differences"] = [
            {"label": field_label(item["field"]), "values": [_shown(value) for value in item["values"]]}
            for item in report["summary"]["key_differences"]
        ]
        score = report["summary"]["similarity_score"]
        context["similarity_percent"] = round(score * 100) if score is not None else None
    return render(request, "insights/compare.html", context)
