"""Demo data for leveling: every persona gets its skill rows, tutorial tiers and first quests (idempotent)."""

from leveling.services import persona_leveling_initialize
from persona.models import Persona


def seed(*, stdout) -> None:
    for persona in Persona.objects.all():
        persona_leveling_initialize(persona=persona)
    stdout.write("Leveling: skills, tutorial tiers and quests ready for every persona.")
