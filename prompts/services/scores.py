from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from leveling import achievements as codes
from leveling.services import persona_skill_xp_add
from prompts import rules
from prompts.models import MAX_SCORE_COMMENT_LENGTH, Answer, SkillScore
from prompts.scoring import xp_for_score

ALREADY_SCORED = "You already scored this skill for this answer."


def _validated_scores(answer: Answer, scores: dict[int, int], weights: dict) -> None:
    if not scores:
        raise ValidationError({"scores": "Score at least one skill."})
    for skill_id, score in scores.items():
        if skill_id not in weights:
            raise ValidationError({"skill": f"This prompt does not assess skill {skill_id}."})
        if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
            raise ValidationError({"score": "Scores are whole numbers from 0 to 10."})


def _validated_comments(comments: dict[int, str], scores: dict[int, int]) -> dict[int, str]:
    cleaned = {skill_id: (text or "").strip() for skill_id, text in comments.items()}
    for skill_id, text in cleaned.items():
        if skill_id not in scores:
            raise ValidationError({"comment": "A comment goes with a score of the same skill."})
        if len(text) > MAX_SCORE_COMMENT_LENGTH:
            too_long = f"A comment has at most {MAX_SCORE_COMMENT_LENGTH} characters."
            raise ValidationError({"comment": too_long})
    return cleaned


@transaction.atomic
def skill_scores_record(
    *, answer: Answer, scorer, scores: dict[int, int], comments: dict[int, str] | None = None
) -> list[SkillScore]:
    """Score several skills of one answer at once (skill id -> 0..10); each score adds XP to the
    persona: weight × score × difficulty factor × 25 (see prompts.scoring). Pass the answer with its
    persona and prompt loaded (the selectors do): the queries are then a fixed handful, whatever the
    number of skills, personas, answers or scores."""
    if not rules.can_score(scorer, answer):
        raise PermissionDenied("Reviewers and moderators score answers, never of their own personas.")
    weights = dict(answer.prompt.prompt_skills.order_by().values_list("skill_id", "weight"))
    _validated_scores(answer, scores, weights)
    comments = _validated_comments(comments or {}, scores)
    rows = [
        SkillScore(
            answer=answer,
            skill_id=skill_id,
            scorer=scorer,
            score=score,
            comment=comments.get(skill_id, ""),
            xp_awarded=xp_for_score(
                score=score, weight=weights[skill_id], difficulty=answer.prompt.difficulty
            ),
        )
        for skill_id, score in sorted(scores.items())
    ]
    try:
        SkillScore.objects.bulk_create(rows)
    except IntegrityError:
        # The unique constraint is the one duplicate check, for racing reviewers too. No savepoint is
        # needed: the error leaves this atomic block, which rolls everything back.
        raise ValidationError({"skill": ALREADY_SCORED}) from None
    persona_skill_xp_add(
        persona=answer.persona,
        awards=[(row.skill_id, row.xp_awarded) for row in rows],
        reason=f"Scored on “{answer.prompt.title}”",
        achievement_codes={codes.PERFECT_SCORE} if any(row.score == 10 for row in rows) else set(),
    )
    return rows


def skill_score_record(*, answer: Answer, skill, scorer, score: int, comment: str = "") -> SkillScore:
    """One score; `skill` is a Skill or its id (a Skill given is set on the score, read by no query)."""
    skill_id = getattr(skill, "pk", skill)
    comments = {skill_id: comment} if comment else {}
    row = skill_scores_record(answer=answer, scorer=scorer, scores={skill_id: score}, comments=comments)[0]
    if hasattr(skill, "pk"):
        row.skill = skill
    return row
