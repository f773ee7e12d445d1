"""The persona page's link back to the character a persona is based on (persona.panels)."""

from characters.selectors import character_for_persona


def based_on_character(request, persona) -> dict | None:
    character = character_for_persona(user=request.user, persona=persona)
    if character is None:
        return None
    return {"template": "characters/_persona_panel.html", "character": character}
