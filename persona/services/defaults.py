from django.contrib.auth import get_user_model
from django.db import transaction

from persona.models import Persona, Status, Visibility
from persona.services.lifecycle import persona_create

SYSTEM_USERNAME = "yayay"
DEFAULT_PERSONA = {
    "name": "Mu",
    "description": "Yayay's default persona: a friendly, helpful general assistant.",
    "system_prompt": (
        "You are Mu, a helpful general assistant. Answer clearly and honestly, ask when a request is "
        "ambiguous, admit what you do not know, and keep answers as short as the question allows."
    ),
    "personality_traits": {"helpfulness": 0.95, "curiosity": 0.7, "formality": 0.4},
    "capabilities": {"general_knowledge": True, "writing": True, "reasoning": True},
}


def _system_user():
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False, "email": ""}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def persona_initialize_default() -> tuple[Persona, bool]:
    """Create the default persona "Mu" once; later calls return it unchanged. Returns (persona, created)."""
    existing = Persona.objects.select_for_update().filter(is_default=True).first()
    if existing is not None:
        return existing, False
    persona = persona_create(
        owner=_system_user(),
        visibility=Visibility.PUBLIC,
        status=Status.ACTIVE,
        is_default=True,
        **DEFAULT_PERSONA,
    )
    return persona, True
