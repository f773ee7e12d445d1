"""Every write to leveling data goes through these functions.

They run inside their caller's transaction when there is one (scoring, answering, forking) and join it
without a savepoint (`transaction.atomic(savepoint=False)`): no caller retries after an error from them,
and a savepoint costs two round trips per call. Alone, each still runs in a transaction of its own."""

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
