from django.shortcuts import render

from core.charts import line_chart
from leveling import selectors
from persona import rules as persona_rules
from persona.panels import panels_for
from persona.selectors import persona_get_for_user


def persona_progress(request, slug: str):
    """Skills, attributes, quests, achievements and the XP chart of a persona the visitor may see."""
    persona = persona_get_for_user(user=request.user, slug=slug)
    context = {
        "persona": persona,
        "attributes": selectors.persona_attribute_levels(persona=persona),
        "quests": selectors.persona_quests(persona=persona),
        "achievements": selectors.persona_achievements(persona=persona),
        "total_points": selectors.persona_total_points(persona=persona),
        "chart": line_chart(selectors.persona_xp_series(persona=persona)),
        "can_practise": persona_rules.has_stake_in(request.user, persona),
        "panels": panels_for("progress", request, persona),
    }
    return render(request, "leveling/progress.html", context)
