"""The research section of a persona's page, through persona.panels (registered in InsightsConfig.ready).
The page has already checked that the visitor may see the persona."""

from insights import rules, selectors


def research_panel(request, persona) -> dict:
    profile, state = selectors.research_summary_for(persona=persona)
    return {
        "template": "insights/_persona_panel.html",
        "persona": persona,
        "profile": profile,
        "needs": state,
        "top_pains": state.document.pain_points[:3],
        "may_edit": rules.can_edit_insights(request.user, persona),
    }
