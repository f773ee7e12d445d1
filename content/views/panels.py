"""The persona's latest content as a section of its page, through persona.panels (registered in
ContentConfig.ready). The page has already checked that the visitor may see the persona."""

from content import rules, selectors

LATEST = 3


def content_panel(request, persona) -> dict:
    items = selectors.content_latest_of(persona=persona, count=LATEST)
    return {
        "template": "content/_persona_panel.html",
        "persona": persona,
        "items": selectors.content_with_counts(user=request.user, items=items),
        "may_add": rules.can_add_content(request.user, persona),
    }
