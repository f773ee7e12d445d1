"""The persona page's "Chat" section (persona.panels), so persona never imports chat."""

from persona.models import Status


def chat_panel(request, persona) -> dict | None:
    """A link to chat with the persona; archived personas do not chat."""
    if persona.status == Status.ARCHIVED:
        return None
    return {"template": "chat/_persona_panel.html", "persona": persona}
