"""What leveling announces; metrics and others listen, leveling never imports them.

persona_progressed(persona, changes, source)
    after XP was added; `changes` is a list of {"skill": Skill id, "xp_gained", "old_level", "new_level"}
    and `source` says why ("score", "fork", ...). Sent inside the transaction that added the XP, so
    receivers share it (use transaction.on_commit for slow work).
achievement_awarded(persona, achievement)
    once per persona and achievement, inside the awarding transaction.
tutorial_advanced(persona)
    when an answer completed a tutorial quest, so a tutorial tier moved without XP (when XP moved it,
    persona_progressed says so), inside the answering transaction.
quest_completed(persona, quest)
    once per tutorial quest the persona completes, inside the transaction that completed it.
rewards_earned(persona, quests, achievements)
    once per change that completed quests or awarded achievements, with all of them (quests completed
    first), inside its transaction: a receiver writing a row for each writes them in one statement.
"""

from django.dispatch import Signal

persona_progressed = Signal()
achievement_awarded = Signal()
tutorial_advanced = Signal()
quest_completed = Signal()
rewards_earned = Signal()
