"""The persona's story page: its timeline (content.timeline), a page at a time by cursor, under its
major achievements; and the story's section on the persona's page, through persona.panels."""

from django.shortcuts import render

from content.timeline import persona_story, persona_story_highlights
from persona import selectors as persona_selectors


def persona_story_page(request, slug: str):
    persona = persona_selectors.persona_get_for_user(user=request.user, slug=slug)
    story = persona_story(user=request.user, persona=persona, cursor=request.GET.get("after"))
    context = {
        "persona": persona,
        "story": story,
        "highlights": persona_story_highlights(persona=persona),
        "first_page": not request.GET.get("after"),
    }
    return render(request, "content/story.html", context)


def story_panel(request, persona) -> dict:
    """One query: the major achievements, and the way to the whole story."""
    return {
        "template": "content/_story_panel.html",
        "persona": persona,
        "highlights": persona_story_highlights(persona=persona),
    }
