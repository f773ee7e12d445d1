"""XP, levels and the persona's leveling rows."""

from collections import defaultdict

from django.db import transaction
from django.db.models import F

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
from leveling.services.quests import quests_update
from leveling.signals import persona_progressed
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


def _add_xp_rows(persona, totals: dict[int, int]) -> None:
    """UPDATE ... SET xp = xp + n, in skill order so concurrent writers lock rows in the same order."""
    for skill_id in sorted(totals):
        rows = PersonaSkill.objects.filter(persona=persona, skill_id=skill_id)
        if not rows.update(xp=F("xp") + totals[skill_id]):
            PersonaSkill.objects.bulk_create(
                [PersonaSkill(persona=persona, skill_id=skill_id)], ignore_conflicts=True
            )
            rows.update(xp=F("xp") + totals[skill_id])


@transaction.atomic(savepoint=False)
def persona_skill_xp_add(*, persona, awards, reason: str, source: str = "score") -> list[dict]:
    """Add XP to the persona's skills: `awards` is a list of (skill id, xp). Levels follow from the fresh
    XP in the same transaction; level-ups advance quests and award achievements; `persona_progressed`
    announces the changes, which are also returned."""
    totals = defaultdict(int)
    for skill_id, xp in awards:
        if xp > 0:
            totals[skill_id] += int(xp)
    if not totals:
        return []
    _add_xp_rows(persona, totals)
    rows = list(PersonaSkill.objects.select_for_update().filter(persona=persona, skill_id__in=totals))
    changes = [_level_up(row, totals[row.skill_id]) for row in sorted(rows, key=lambda r: r.skill_id)]
    levelled = [row for row in rows if row.level != row._old_level]
    if levelled:
        PersonaSkill.objects.bulk_update(levelled, ["level"])
    XpEvent.objects.bulk_create(
        [XpEvent(persona=persona, skill_id=pk, xp=xp, reason=reason[:200]) for pk, xp in totals.items()]
    )
    if levelled:
        _after_level_up(persona, changes)
    persona_progressed.send(sender=PersonaSkill, persona=persona, changes=changes, source=source)
    return changes


def _level_up(row: PersonaSkill, gained: int) -> dict:
    row._old_level, row.level = row.level, level_for_xp(row.xp)
    return {"skill": row.skill_id, "xp_gained": gained, "old_level": row._old_level, "new_level": row.level}


def _after_level_up(persona, changes: list[dict]) -> None:
    crossed = set()
    for change in changes:
        crossed |= codes.skill_level_codes_crossed(change["old_level"], change["new_level"])
    achievements_award(persona=persona, codes=crossed)
    quests_update(persona=persona)


@transaction.atomic(savepoint=False)
def progress_record_answer(*, persona, skills) -> None:
    """A persona answered a prompt assessing `skills` (Skill instances): "answer N prompts" quest steps of
    their attributes count it, and the first answer earns an achievement."""
    if not TutorialProgress.objects.filter(persona=persona).exists():
        persona_leveling_initialize(persona=persona)
    achievements_award(persona=persona, codes={codes.FIRST_ANSWER})
    quests_update(persona=persona, answered_attribute_ids=frozenset(skill.attribute_id for skill in skills))


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
