"""A link from the persona's page to its research details, through persona.panels (registered in
InsightsConfig.ready). The persona page is cached for anonymous visitors: the panel shows only what is
the same for all of them."""


def research_details_panel(request, persona) -> dict:
    return {"template": "insights/_details_panel.html", "persona": persona}
