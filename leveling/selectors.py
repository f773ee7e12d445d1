"""Reads of a persona's progress; callers pass a persona they already may see."""

from django.db.models import Prefetch, Sum

from core.db import rows_for_ids
from leveling.models import (
    Attribute,
    PersonaAchievement,
    PersonaQuestProgress,
    PersonaSkill,
    QuestStep,
    Skill,
    StepKind,
    TutorialProgress,
    TutorialTier,
    XpEvent,
)
from leveling.xp import (
    MAX_LEVEL,
    attribute_level,
    attribute_level_of_total,
    level_for_xp,
    level_progress,
    xp_for_level,
)


def persona_tutorial_tiers(*, persona) -> dict[int, int]:
    """Attribute id -> tutorial tier number (10 Stone, 9 Wood, 8 Paper, 7 eligible); T10 when missing."""
    tiers = dict(TutorialProgress.objects.filter(persona=persona).values_list("attribute_id", "tier"))
    return {pk: tiers.get(pk, TutorialTier.STONE) for pk in Attribute.objects.values_list("pk", flat=True)}


def persona_prompt_tier(*, persona) -> int:
    """The tier prompts are chosen for: its lowest tutorial tier while any attribute is still in the
    tutorial, else T7, the first rated tier (metrics may refine this later)."""
    return max(persona_tutorial_tiers(persona=persona).values(), default=TutorialTier.STONE)


def persona_in_tutorial(*, persona) -> bool:
    return persona_prompt_tier(persona=persona) > TutorialTier.ELIGIBLE


def _skill_entry(skill: Skill, xp: int) -> dict:
    level = level_for_xp(xp)
    gained, span = level_progress(xp)
    return {
        "skill": skill,
        "xp": xp,
        "level": level,
        "xp_into_level": gained,
        "xp_level_span": span,
        "xp_to_next_level": (xp_for_level(level + 1) - xp) if level < MAX_LEVEL else 0,
    }


def persona_attribute_levels(*, persona) -> list[dict]:
    """Every attribute with its skills (level 1 for skills without a row) and its derived level."""
    xp_by_skill = dict(PersonaSkill.objects.filter(persona=persona).values_list("skill_id", "xp"))
    tiers = persona_tutorial_tiers(persona=persona)
    result = []
    for attribute in Attribute.objects.prefetch_related("skills"):
        skills = [_skill_entry(skill, xp_by_skill.get(skill.pk, 0)) for skill in attribute.skills.all()]
        result.append(
            {
                "attribute": attribute,
                "level": attribute_level([entry["level"] for entry in skills]),
                "tier": TutorialTier(tiers.get(attribute.pk, TutorialTier.STONE)),
                "skills": skills,
            }
        )
    return result


def _with_steps(queryset, prefix=""):
    steps = QuestStep.objects.select_related("skill").order_by("order", "id")
    return queryset.select_related(f"{prefix}attribute").prefetch_related(Prefetch(f"{prefix}steps", steps))


def persona_quests(*, persona) -> list[dict]:
    """Quests the persona has started, with every step's progress and target."""
    levels = dict(PersonaSkill.objects.filter(persona=persona).values_list("skill_id", "level"))
    rows = _with_steps(PersonaQuestProgress.objects.filter(persona=persona), "quest__")
    return [_quest_entry(progress, levels) for progress in rows]


def _quest_entry(progress: PersonaQuestProgress, levels: dict[int, int]) -> dict:
    steps = []
    for index, step in enumerate(progress.quest.steps.all()):
        if progress.completed_at or index < progress.step_index:
            value = step.target
        elif index > progress.step_index:
            value = 0
        elif step.kind == StepKind.SKILL_LEVEL:
            value = min(levels.get(step.skill_id, 1), step.target)
        else:
            value = min(progress.step_progress, step.target)
        steps.append({"step": step, "label": step.label, "value": value, "target": step.target})
    return {"quest": progress.quest, "completed_at": progress.completed_at, "steps": steps}


def persona_achievements(*, persona):
    return PersonaAchievement.objects.filter(persona=persona).select_related("achievement")


def persona_total_points(*, persona) -> int:
    total = PersonaAchievement.objects.filter(persona=persona).aggregate(total=Sum("achievement__points"))
    return total["total"] or 0


def persona_xp_series(*, persona) -> list[tuple]:
    """(time, cumulative XP over all skills) from 0 and after each XP event, oldest first."""
    total, series = 0, []
    for created_at, xp in XpEvent.objects.filter(persona=persona).values_list("created_at", "xp"):
        if not series:
            series.append((created_at, 0))
        total += xp
        series.append((created_at, total))
    return series


HEADLINE_LEVELS = f"""
SELECT ps.persona_id, SUM(ps.level), COUNT(*),
       (SELECT COUNT(*) FROM {Skill._meta.db_table} every WHERE every.attribute_id = k.attribute_id)
FROM {PersonaSkill._meta.db_table} ps JOIN {Skill._meta.db_table} k ON k.id = ps.skill_id
WHERE ps.persona_id IN ({{ids}})
GROUP BY ps.persona_id, k.attribute_id
"""


def persona_headline_levels(*, persona_ids) -> dict[int, int]:
    """Persona id -> the level a card shows: its best attribute level, skills without a row counting as
    level 1 (as on the progress page). One grouped query for any number of personas."""
    best = dict.fromkeys(persona_ids, 1)
    for persona_id, levels, rows, skills in rows_for_ids(HEADLINE_LEVELS, list(persona_ids)):
        level = attribute_level_of_total(levels + (skills - rows), skills)  # a skill without a row: level 1
        best[persona_id] = max(best[persona_id], level)
    return best
