"""Tutorial quests: ordered steps move one attribute of a persona from T10 Stone up to "eligible".

Only the current step of a quest advances. An "answer_count" step counts answers given while it is
current (to a prompt assessing a skill of the quest's attribute); a "skill_level" step is done as soon as
the skill reaches the target level, checked whenever it becomes current and whenever that skill's level
rises. So an answer can only move the open quests of the attributes it assesses, and a level-up only the
open quests with a step on that skill: `quests_update` reads just their attributes, in one query.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from leveling import achievements as codes
from leveling.models import (
    PersonaQuestProgress,
    PersonaSkill,
    Quest,
    QuestStep,
    StepKind,
    TutorialProgress,
    TutorialTier,
)
from leveling.services.quest_chains_sql import ChainRow, quest_chain_rows
from leveling.signals import quest_completed

PROGRESS_FIELDS = ["step_index", "step_progress", "completed_at"]


@dataclass(frozen=True)
class QuestsAdvanced:
    """What `quests_update` did: the quests it completed and the codes of the achievements they earned."""

    completed: list[Quest] = field(default_factory=list)
    earned: set[str] = field(default_factory=set)


class _Chains:
    """The persona's progress in some attributes, and every quest of those attributes with its steps;
    with the tutorial tier of each of those attributes and how many of the persona's attributes are not
    eligible yet (for "all-rounder", read with the rest)."""

    def __init__(self, persona, rows: list[ChainRow]):
        self.persona = persona
        self.progress: dict[int, PersonaQuestProgress] = {}
        self.quests: dict[int, Quest] = {}
        self.started: set[int] = set()  # quests whose progress rows are new
        self.tiers: dict[int, int | None] = {}  # attribute id -> tutorial tier (None: no row yet)
        self.not_eligible = 0
        steps = defaultdict(dict)
        for row in rows:  # one per progress row × quest of its attribute × step of that quest
            self.tiers[row.quest["attribute_id"]] = row.attribute_tier
            self.not_eligible = row.not_eligible
            progress = PersonaQuestProgress(persona=persona, **row.progress)
            self.progress.setdefault(progress.quest_id, progress)
            quest = self.quests.setdefault(row.quest["id"], Quest(**row.quest))
            if row.step["id"] is not None:  # a quest without steps comes once, with empty step columns
                steps[quest.pk][row.step["id"]] = QuestStep(quest=quest, **row.step)
        self.steps = {pk: sorted(s.values(), key=lambda s: (s.order, s.pk)) for pk, s in steps.items()}

    @classmethod
    def locked(cls, persona, *, answered_attribute_ids, levelled_skill_ids) -> "_Chains":
        """One query (quest_chains_sql): the persona's progress rows in the attributes this change can
        move, locked, joined to every quest of their attribute and its steps."""
        rows = quest_chain_rows(
            persona.pk, answered_attribute_ids=answered_attribute_ids, levelled_skill_ids=levelled_skill_ids
        )
        return cls(persona, rows)

    def following(self, quest_id: int) -> PersonaQuestProgress | None:
        """The progress in the quest that follows this one (new and unsaved when not started yet)."""
        done = self.quests[quest_id]
        after = (done.attribute_id, done.tier_to)
        quest = next((q for q in self.quests.values() if (q.attribute_id, q.tier_from) == after), None)
        if quest is None:
            return None
        if quest.pk not in self.progress:
            self.progress[quest.pk] = PersonaQuestProgress(persona=self.persona, quest_id=quest.pk)
            self.started.add(quest.pk)
        return self.progress[quest.pk]


def _step_done(step: QuestStep, progress: PersonaQuestProgress, levels: dict[int, int]) -> bool:
    if step.kind == StepKind.SKILL_LEVEL:
        return levels.get(step.skill_id, 1) >= step.target
    return progress.step_progress >= step.target


def _advance(progress: PersonaQuestProgress, steps: list[QuestStep], *, levels, answered: bool) -> bool:
    """Move the progress forward in memory; True when anything changed."""
    changed = False
    current = steps[progress.step_index] if progress.step_index < len(steps) else None
    if answered and current is not None and current.kind == StepKind.ANSWER_COUNT:
        progress.step_progress += 1
        changed = True
    while progress.step_index < len(steps) and _step_done(steps[progress.step_index], progress, levels):
        progress.step_index, progress.step_progress, changed = progress.step_index + 1, 0, True
    if progress.step_index >= len(steps) and progress.completed_at is None:
        progress.completed_at, changed = timezone.now(), True
    return changed


def _advance_all(
    chains: _Chains, *, levels, answered_attribute_ids
) -> tuple[list[Quest], list[PersonaQuestProgress]]:
    """Advance every open quest, then the quests that follow the ones completed; returns the completed
    quests and the progress rows to write."""
    pending = [p for p in chains.progress.values() if p.completed_at is None]
    completed, written = [], {}
    while pending:
        for progress in pending:
            answered = chains.quests[progress.quest_id].attribute_id in answered_attribute_ids
            steps = chains.steps.get(progress.quest_id, [])
            moved = _advance(progress, steps, levels=levels, answered=answered)
            if moved or progress.quest_id in chains.started:
                written[progress.quest_id] = progress
        finished = [p for p in pending if p.completed_at is not None]
        completed += [chains.quests[p.quest_id] for p in finished]
        following = (chains.following(p.quest_id) for p in finished)
        pending = [p for p in following if p is not None and p.completed_at is None]
        answered_attribute_ids = frozenset()
    return completed, list(written.values())


def _save(persona, written: list[PersonaQuestProgress], tiers: dict[int, int]) -> None:
    """One upsert per table: changed and newly started progress, then the tiers completed quests reached."""
    if written:
        PersonaQuestProgress.objects.bulk_create(
            written, update_conflicts=True, unique_fields=["persona", "quest"], update_fields=PROGRESS_FIELDS
        )
    if tiers:
        TutorialProgress.objects.bulk_create(
            [TutorialProgress(persona=persona, attribute_id=pk, tier=tier) for pk, tier in tiers.items()],
            update_conflicts=True,
            unique_fields=["persona", "attribute"],
            update_fields=["tier", "updated_at"],
        )


def persona_levels(persona) -> dict[int, int]:
    return dict(PersonaSkill.objects.filter(persona=persona).values_list("skill_id", "level"))


@transaction.atomic(savepoint=False)
def quests_update(
    *, persona, answered_attribute_ids=frozenset(), levelled_skill_ids=frozenset(), levels=None
) -> QuestsAdvanced:
    """Advance the open quests this change can move: those of the attributes just answered for, and
    those with a step on a skill whose level rose (`levels`: skill id -> level, read when not given).
    Returns the quests completed and the codes of the achievements earned, for the caller to award and
    announce with its own in one go."""
    chains = _Chains.locked(
        persona, answered_attribute_ids=answered_attribute_ids, levelled_skill_ids=levelled_skill_ids
    )
    if not chains.progress:
        return QuestsAdvanced()
    levels = persona_levels(persona) if levels is None else levels
    completed, written = _advance_all(chains, levels=levels, answered_attribute_ids=answered_attribute_ids)
    tiers = {quest.attribute_id: quest.tier_to for quest in completed}  # a later quest's tier wins
    _save(persona, written, tiers)
    for quest in completed:
        quest_completed.send(sender=Quest, persona=persona, quest=quest)
    return QuestsAdvanced(completed, _achievements_for(chains, completed, tiers))


def _achievements_for(chains: _Chains, completed: list[Quest], tiers: dict[int, int]) -> set[str]:
    if not completed:
        return set()
    earned = {codes.FIRST_QUEST}
    if any(quest.tier_to == TutorialTier.ELIGIBLE for quest in completed):
        earned.add(codes.TUTORIAL_GRADUATE)
        if _all_eligible_after(chains, tiers):
            earned.add(codes.ALL_ROUNDER)
    return earned


def _all_eligible_after(chains: _Chains, tiers: dict[int, int]) -> bool:
    """Every tutorial row of the persona eligible once `tiers` are written: the rows not eligible before
    were all among those written, and each written one is eligible."""
    was_not_eligible = [pk for pk in tiers if chains.tiers.get(pk) not in (None, TutorialTier.ELIGIBLE)]
    return chains.not_eligible == len(was_not_eligible) and all(
        tier == TutorialTier.ELIGIBLE for tier in tiers.values()
    )
