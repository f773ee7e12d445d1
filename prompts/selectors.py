"""Reads of prompts, answers and scores. Answers and scores follow their persona's privacy exactly:
whoever cannot see the persona gets nothing (and a 404 for a single one)."""

from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet
from django.http import Http404

from core.db import column_datetime, planned_once_cursor
from leveling.models import Skill
from leveling.selectors import persona_in_tutorial, persona_prompt_tier
from persona import rules as persona_rules
from persona.models import Persona, Status
from persona.selectors import persona_list_visible_to, persona_readable_queryset
from persona.shares import persona_ids_shared_with
from prompts import rules
from prompts.models import Answer, Prompt, PromptSkill, SkillScore


def prompt_list_visible_to(*, user) -> QuerySet[Prompt]:
    """Active prompts for everyone; moderators also see inactive ones."""
    prompts = Prompt.objects.prefetch_related("prompt_skills__skill").select_related("author")
    return prompts if rules.can_manage_prompts(user) else prompts.active()


def prompt_get_for_user(*, user, pk) -> Prompt:
    prompt = prompt_list_visible_to(user=user).filter(pk=pk).first()
    if prompt is None:
        raise Http404("No prompt found.")
    return prompt


def _answers() -> QuerySet[Answer]:
    return Answer.objects.select_related("persona", "prompt", "author")


def answer_list_visible_to(*, user, persona: Persona | None = None, readable=False) -> QuerySet[Answer]:
    """Answers of listed personas, of one persona the caller already may see, or (`readable`) of every
    persona the caller may open by link."""
    if persona is not None:
        return _answers().filter(persona=persona)
    select = persona_readable_queryset if readable else persona_list_visible_to
    return _answers().filter(persona__in=select(user=user).values("pk"))


def answer_get_for_user(*, user, pk) -> Answer:
    answer = _answers().filter(pk=pk, persona__in=persona_readable_queryset(user=user).values("pk")).first()
    if answer is None:
        raise Http404("No answer found.")
    return answer


def skill_scores_visible_to(*, user, readable=False) -> QuerySet[SkillScore]:
    """Scores of answers of listed personas, or (`readable`) of every persona the caller may open by link."""
    select = persona_readable_queryset if readable else persona_list_visible_to
    personas = select(user=user).values("pk")
    return SkillScore.objects.filter(answer__persona__in=personas).select_related("skill", "scorer", "answer")


def personas_with_stake(*, user) -> QuerySet[Persona]:
    """Own personas and those shared with the user for editing, as `persona.rules.has_stake_in` has it."""
    return Persona.objects.filter(
        Q(owner=user) | Q(pk__in=persona_ids_shared_with(user=user, permission=persona_rules.CHANGE))
    )


def answers_of_personas_with_stake(*, user) -> QuerySet[Answer]:
    """Answers of the user's own personas and of those shared with them for editing, newest first, with
    their scores."""
    personas = personas_with_stake(user=user).values("pk")
    return (
        _answers()
        .filter(persona__in=personas)
        .prefetch_related("scores__skill", "scores__scorer")
        .order_by("-created_at", "-id")
    )


def personas_answerable_by(*, user) -> QuerySet[Persona]:
    """The personas a user answers prompts for: those with a stake in them, not archived."""
    return personas_with_stake(user=user).exclude(status=Status.ARCHIVED).order_by("name")


def review_queue(*, user) -> QuerySet[Answer]:
    """Answers a reviewer has not scored yet, oldest first: of public and unlisted personas and of the
    private ones the reviewer may see, never the reviewer's own answers nor those of personas the
    reviewer has a stake in (as `rules.can_score` has it)."""
    if not rules.is_reviewer(user):
        return Answer.objects.none()
    scored_by_me = SkillScore.objects.filter(answer=OuterRef("pk"), scorer=user)
    return (
        _answers()
        .filter(persona__in=persona_readable_queryset(user=user).values("pk"))
        .exclude(persona__in=personas_with_stake(user=user).values("pk"))
        .exclude(author=user)
        .exclude(Exists(scored_by_me))
        .prefetch_related("prompt__prompt_skills__skill")
        .order_by("created_at", "id")
    )


def prompt_next_for_persona(*, persona: Persona, limit: int = 10) -> list[Prompt]:
    """Active prompts the persona has not answered, suited to its tier; tutorial prompts first while it
    is in the tutorial tiers, then those exercising its weakest skill, then the easiest."""
    weakest = Min(
        "prompt_skills__skill__persona_skills__level",
        filter=Q(prompt_skills__skill__persona_skills__persona=persona),
    )
    prompts = (
        Prompt.objects.active()
        .suited_to_tier(persona_prompt_tier(persona=persona))
        .exclude(answers__persona=persona)
        .annotate(weakest_level=weakest)
        .prefetch_related("prompt_skills__skill")
    )
    order = [F("weakest_level").asc(nulls_last=True), "difficulty", "id"]
    if persona_in_tutorial(persona=persona):
        order.insert(0, "-is_tutorial")
    return list(prompts.order_by(*order)[:limit])


class ScoredEvidence(NamedTuple):
    attribute_id: int
    answer_id: int
    skill_id: int
    scorer_id: int | None
    score: int
    weight: Decimal | float | None  # of the skill in the answer's prompt (None: no longer assessed)
    scored_at: datetime
    answered_at: datetime


# Static SQL: the live rating reads it on every score, and building it with the ORM took twice as long as
# running it (a prompt assesses a skill once: prompt_skill_once).
SCORED_EVIDENCE = f"""
SELECT k.attribute_id, s.answer_id, s.skill_id, s.scorer_id, s.score, w.weight, s.created_at, a.created_at
FROM {SkillScore._meta.db_table} s
JOIN {Answer._meta.db_table} a ON a.id = s.answer_id
JOIN {Skill._meta.db_table} k ON k.id = s.skill_id
LEFT JOIN {PromptSkill._meta.db_table} w ON w.prompt_id = a.prompt_id AND w.skill_id = s.skill_id
WHERE a.persona_id = %s
"""


def scored_evidence_of(*, persona: Persona) -> list[ScoredEvidence]:
    """Every skill score of the persona's answers, with what a rating needs."""
    with planned_once_cursor() as cursor:
        cursor.execute(SCORED_EVIDENCE, [persona.pk])
        rows = cursor.fetchall()
    return [
        ScoredEvidence(*row[:6], column_datetime(scored_at), column_datetime(answered_at))
        for *row, scored_at, answered_at in rows
    ]
