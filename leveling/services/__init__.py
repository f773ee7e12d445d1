"""Every write to leveling data goes through these functions."""

from leveling.services.achievements import achievements_award
from leveling.services.progress import (
    persona_leveling_initialize,
    persona_skill_xp_add,
    persona_skills_inherit,
    progress_record_answer,
)
from leveling.services.quests import quests_update

__all__ = [
    "achievements_award",
    "persona_leveling_initialize",
    "persona_skill_xp_add",
    "persona_skills_inherit",
    "progress_record_answer",
    "quests_update",
]
