"""The one statement `quests_update` reads a persona's quest chains with, as static SQL: built with the
ORM (three subqueries, two joins of the quest table to itself) it took longer to compose than to run,
on every score of a persona in its tutorial."""

from typing import NamedTuple

from django.db import connection

from core.db import column_datetime, planned_once_cursor
from leveling.models import PersonaQuestProgress, Quest, QuestStep, TutorialProgress, TutorialTier

PROGRESS, QUEST, STEP = (model._meta.db_table for model in (PersonaQuestProgress, Quest, QuestStep))
TUTORIAL = TutorialProgress._meta.db_table

# Every progress row of the persona in the attributes the change can move (those with an open quest
# answered for, or with a step on a skill whose level rose), joined to every quest of the attribute and
# each quest's steps (none: one row with empty step columns); the attribute's tutorial tier and how many
# of the persona's attributes are not eligible yet.
CHAINS = f"""
SELECT p.quest_id, p.step_index, p.step_progress, p.completed_at,
       q.id, q.attribute_id, q.tier_from, q.tier_to, q.title,
       s.id, s."order", s.kind, s.skill_id, s.target,
       (SELECT t.tier FROM {TUTORIAL} t
        WHERE t.persona_id = p.persona_id AND t.attribute_id = q.attribute_id),
       (SELECT COUNT(*) FROM {TUTORIAL} t WHERE t.persona_id = p.persona_id AND t.tier <> %(eligible)s)
FROM {PROGRESS} p
JOIN {QUEST} own ON own.id = p.quest_id
JOIN {QUEST} q ON q.attribute_id = own.attribute_id
LEFT JOIN {STEP} s ON s.quest_id = q.id
WHERE p.persona_id = %(persona)s AND own.attribute_id IN (
    SELECT open_quest.attribute_id
    FROM {PROGRESS} open_progress JOIN {QUEST} open_quest ON open_quest.id = open_progress.quest_id
    WHERE open_progress.persona_id = %(persona)s AND open_progress.completed_at IS NULL AND ({{moved}})
)
ORDER BY p.id, q.id, s.id
"""
ANSWERED = "open_quest.attribute_id IN ({ids})"
LEVELLED = (
    f"EXISTS (SELECT 1 FROM {STEP} step WHERE step.quest_id = open_quest.id AND step.skill_id IN ({{ids}}))"
)
PROGRESS_COLUMNS = ("quest_id", "step_index", "step_progress", "completed_at")
QUEST_COLUMNS = ("id", "attribute_id", "tier_from", "tier_to", "title")
STEP_COLUMNS = ("id", "order", "kind", "skill_id", "target")


class ChainRow(NamedTuple):
    progress: dict  # PROGRESS_COLUMNS of the persona's progress row
    quest: dict  # QUEST_COLUMNS of a quest of its attribute
    step: dict  # STEP_COLUMNS of one of that quest's steps (all None for a quest without steps)
    attribute_tier: int | None  # the persona's tutorial tier in that attribute (None: no row yet)
    not_eligible: int  # how many of the persona's attributes are not eligible yet


def quest_chain_rows(persona_id: int, *, answered_attribute_ids, levelled_skill_ids) -> list[ChainRow]:
    """The rows, with the progress rows locked on PostgreSQL."""
    params = {"persona": persona_id, "eligible": TutorialTier.ELIGIBLE}
    moved = []
    for condition, ids, name in (
        (ANSWERED, answered_attribute_ids, "a"),
        (LEVELLED, levelled_skill_ids, "s"),
    ):
        names = [f"{name}{number}" for number in range(len(ids))]
        if names:
            moved.append(condition.format(ids=", ".join(f"%({key})s" for key in names)))
            params.update(zip(names, ids, strict=True))
    if not moved:
        return []
    sql = CHAINS.format(moved=" OR ".join(moved))
    if connection.features.has_select_for_update_of:
        sql += " FOR UPDATE OF p"
    with planned_once_cursor() as cursor:
        cursor.execute(sql, params)
        return [_chain_row(row) for row in cursor.fetchall()]


def _chain_row(row: tuple) -> ChainRow:
    progress = dict(zip(PROGRESS_COLUMNS, row[:4], strict=True))
    progress["completed_at"] = column_datetime(progress["completed_at"])
    return ChainRow(
        progress=progress,
        quest=dict(zip(QUEST_COLUMNS, row[4:9], strict=True)),
        step=dict(zip(STEP_COLUMNS, row[9:14], strict=True)),
        attribute_tier=row[14],
        not_eligible=row[15],
    )
