"""Tutorial quests: ordered steps move one attribute of a persona from T10 Stone up to "eligible".

Only the current step of a quest advances. An "answer_count" step counts answers given while it is
current (to a prompt assessing a skill of the quest's attribute); a "skill_level" step is done as soon as
the skill reaches the target level, checked whenever it becomes current and whenever a level rises.
"""

from django.db import transaction
from django.db.models import Prefetch
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
from leveling.services.achievements import achievements_award

PROGRESS_FIELDS = ["step_index", "step_progress", "completed_at"]


def _with_steps(queryset, prefix=""):
    steps = QuestStep.objects.select_related("skill").order_by("order", "id")
    return queryset.select_related(f"{prefix}attribute").prefetch_related(Prefetch(f"{prefix}steps", steps))


def _step_done(step: QuestStep, progress: PersonaQuestProgress, levels: dict[int, int]) -> bool:
    if step.kind == StepKind.SKILL_LEVEL:
        return levels.get(step.skill_id, 1) >= step.target
    return progress.step_progress >= step.target


def _advance(progress: PersonaQuestProgress, *, levels: dict[int, int], answered: bool) -> bool:
    """Move the progress forward in memory; True when anything changed."""
    steps = list(progress.quest.steps.all())
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


def _start_next_quests(persona, finished: list[PersonaQuestProgress]) -> list[PersonaQuestProgress]:
    for progress in finished:
        TutorialProgress.objects.update_or_create(
            persona=persona,
            attribute_id=progress.quest.attribute_id,
            defaults={"tier": progress.quest.tier_to},
        )
    following = _with_steps(
        Quest.objects.filter(
            attribute_id__in=[p.quest.attribute_id for p in finished],
            tier_from__in=[p.quest.tier_to for p in finished],
        )
    )
    started = []
    for quest in following:
        progress, _ = PersonaQuestProgress.objects.get_or_create(persona=persona, quest=quest)
        progress.quest = quest
        if progress.completed_at is None:
            started.append(progress)
    return started


def persona_levels(persona) -> dict[int, int]:
    return dict(PersonaSkill.objects.filter(persona=persona).values_list("skill_id", "level"))


@transaction.atomic(savepoint=False)
def quests_update(*, persona, answered_attribute_ids=frozenset(), levels=None) -> list[Quest]:
    """Advance the persona's open quests; returns the quests it completed (and their follow-ups)."""
    levels = persona_levels(persona) if levels is None else levels
    pending = list(
        _with_steps(
            PersonaQuestProgress.objects.select_for_update(of=("self",)).filter(
                persona=persona, completed_at__isnull=True
            ),
            "quest__",
        )
    )
    completed = []
    while pending:
        changed = [
            p
            for p in pending
            if _advance(p, levels=levels, answered=p.quest.attribute_id in answered_attribute_ids)
        ]
        if changed:
            PersonaQuestProgress.objects.bulk_update(changed, PROGRESS_FIELDS)
        finished = [p for p in pending if p.completed_at is not None]
        completed += [p.quest for p in finished]
        pending = _start_next_quests(persona, finished) if finished else []
        answered_attribute_ids = frozenset()
    if completed:
        _award_for_quests(persona, completed)
    return completed


def _award_for_quests(persona, completed: list[Quest]) -> None:
    awarded = {codes.FIRST_QUEST}
    if any(quest.tier_to == TutorialTier.ELIGIBLE for quest in completed):
        awarded.add(codes.TUTORIAL_GRADUATE)
        tiers = TutorialProgress.objects.filter(persona=persona).exclude(tier=TutorialTier.ELIGIBLE)
        if not tiers.exists():
            awarded.add(codes.ALL_ROUNDER)
    achievements_award(persona=persona, codes=awarded)
