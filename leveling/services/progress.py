"""XP, levels and the persona's leveling rows."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Exists

from leveling import achievements as codes
from leveling.models import (
    Attribute,
    PersonaQuestProgress,
    PersonaSkill,
    Quest,
    Skill,
    TutorialProgress,
    TutorialTier,
    XpEvent,
)
from leveling.services.achievements import achievements_award
from leveling.services.quests import QuestsAdvanced, quests_update
from leveling.signals import persona_progressed, tutorial_advanced
from leveling.xp import level_for_xp


@transaction.atomic(savepoint=False)
def persona_leveling_initialize(*, persona) -> None:
    """Level-1 rows for every skill, T10 Stone in every attribute and the first tutorial quests.
    Idempotent: rows that exist are left alone (skills or attributes added later get theirs here)."""
    skills = Skill.objects.values_list("id", flat=True)
    PersonaSkill.objects.bulk_create(
        [PersonaSkill(persona=persona, skill_id=skill_id) for skill_id in skills], ignore_conflicts=True
    )
    attributes = Attribute.objects.values_list("id", flat=True)
    TutorialProgress.objects.bulk_create(
        [TutorialProgress(persona=persona, attribute_id=pk) for pk in attributes], ignore_conflicts=True
    )
    first_quests = Quest.objects.filter(tier_from=TutorialTier.STONE).values_list("id", flat=True)
    PersonaQuestProgress.objects.bulk_create(
        [PersonaQuestProgress(persona=persona, quest_id=pk) for pk in first_quests], ignore_conflicts=True
    )


def _rows_locked(persona) -> dict[int, PersonaSkill]:
    """The persona's skill rows, locked; each says whether the persona has an open quest (read with
    them, so a level-up of a persona past every tutorial reads no quests)."""
    open_quests = PersonaQuestProgress.objects.filter(persona=persona, completed_at__isnull=True)
    rows = PersonaSkill.objects.select_for_update(of=("self",)).filter(persona=persona)
    rows = rows.annotate(has_open_quests=Exists(open_quests)).order_by("skill_id")
    return {row.skill_id: row for row in rows}


def _skill_rows_locked(persona, skill_ids) -> dict[int, PersonaSkill]:
    """Every skill row of the persona, locked in skill order: quest steps may name any skill, and
    concurrent scorers of one persona queue on the first row instead of deadlocking. Rows missing for
    `skill_ids` (skills added after the persona) are created first."""
    rows = _rows_locked(persona)
    if missing := set(skill_ids) - rows.keys():
        PersonaSkill.objects.bulk_create(
            [PersonaSkill(persona=persona, skill_id=pk) for pk in sorted(missing)], ignore_conflicts=True
        )
        rows = _rows_locked(persona)
    return rows


@transaction.atomic(savepoint=False)
def persona_skill_xp_add(
    *, persona, awards, reason: str, source: str = "score", achievement_codes=frozenset()
) -> list[dict]:
    """Add XP to the persona's skills: `awards` is a list of (skill id, xp). Levels follow from the fresh
    XP in the same transaction; level-ups advance quests and earn achievements, awarded in one go with
    `achievement_codes` (those the caller earned along with this XP); `persona_progressed` announces the
    changes, which are also returned. A fixed number of queries, however many skills change."""
    totals = defaultdict(int)
    for skill_id, xp in awards:
        if xp > 0:
            totals[skill_id] += int(xp)
    changes, levels, questing = _xp_add(persona, totals, reason) if totals else ([], {}, False)
    advanced = _after_level_up(persona, changes, levels, questing=questing)
    achievements_award(
        persona=persona, codes=set(achievement_codes) | advanced.earned, quests=advanced.completed
    )
    if changes:
        persona_progressed.send(sender=PersonaSkill, persona=persona, changes=changes, source=source)
    return changes


def _xp_add(persona, totals: dict[int, int], reason: str) -> tuple[list[dict], dict[int, int], bool]:
    """Returns the changes, every skill's level afterwards and whether the persona has open quests."""
    rows = _skill_rows_locked(persona, totals)
    changes = [_level_up(rows[pk], totals[pk]) for pk in sorted(totals)]
    PersonaSkill.objects.bulk_update([rows[pk] for pk in sorted(totals)], ["xp", "level"])
    XpEvent.objects.bulk_create(
        [XpEvent(persona=persona, skill_id=pk, xp=xp, reason=reason[:200]) for pk, xp in totals.items()]
    )
    questing = any(row.has_open_quests for row in rows.values())
    return changes, {pk: row.level for pk, row in rows.items()}, questing


def _level_up(row: PersonaSkill, gained: int) -> dict:
    old_level = row.level
    row.xp += gained
    row.level = level_for_xp(row.xp)
    return {"skill": row.skill_id, "xp_gained": gained, "old_level": old_level, "new_level": row.level}


def _after_level_up(
    persona, changes: list[dict], levels: dict[int, int], *, questing: bool
) -> QuestsAdvanced:
    """The quests the level-ups completed (when the persona has open quests), and the codes of the
    achievements they earned, their quests' included."""
    levelled = [change for change in changes if change["new_level"] != change["old_level"]]
    if not levelled:
        return QuestsAdvanced()
    earned = set().union(*(codes.skill_level_codes_crossed(c["old_level"], c["new_level"]) for c in levelled))
    if not questing:
        return QuestsAdvanced(earned=earned)
    skills = frozenset(change["skill"] for change in levelled)
    advanced = quests_update(persona=persona, levelled_skill_ids=skills, levels=levels)
    return QuestsAdvanced(advanced.completed, earned | advanced.earned)


@transaction.atomic(savepoint=False)
def progress_record_answer(*, persona, skills) -> None:
    """A persona answered a prompt assessing `skills` (Skill instances): "answer N prompts" quest steps of
    their attributes count it, and the first answer earns an achievement."""
    if not TutorialProgress.objects.filter(persona=persona).exists():
        persona_leveling_initialize(persona=persona)
    answered = frozenset(skill.attribute_id for skill in skills)
    advanced = quests_update(persona=persona, answered_attribute_ids=answered)
    achievements_award(
        persona=persona, codes={codes.FIRST_ANSWER} | advanced.earned, quests=advanced.completed
    )
    if advanced.completed:  # so a tutorial tier moved
        tutorial_advanced.send(sender=TutorialProgress, persona=persona)


@transaction.atomic(savepoint=False)
def persona_skills_inherit(*, parent, fork) -> None:
    """A fork starts with its parent's XP and levels (not its answers, achievements, quests or standings);
    the parent earns "first fork" the first time this happens."""
    inherited = {row.skill_id: row for row in PersonaSkill.objects.filter(persona=parent)}
    PersonaSkill.objects.filter(persona=fork, skill_id__in=inherited).delete()
    PersonaSkill.objects.bulk_create(
        [PersonaSkill(persona=fork, skill_id=pk, xp=row.xp, level=row.level) for pk, row in inherited.items()]
    )
    gains = [row for row in inherited.values() if row.xp > 0]
    XpEvent.objects.bulk_create(
        [
            XpEvent(
                persona=fork, skill_id=row.skill_id, xp=row.xp, reason=f"Inherited from {parent.name}"[:200]
            )
            for row in gains
        ]
    )
    achievements_award(persona=parent, codes={codes.FIRST_FORK})
    if gains:
        changes = [
            {"skill": row.skill_id, "xp_gained": row.xp, "old_level": 1, "new_level": row.level}
            for row in gains
        ]
        persona_progressed.send(sender=PersonaSkill, persona=fork, changes=changes, source="fork")
