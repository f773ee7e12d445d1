from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from leveling.models import Skill
from prompts import rules
from prompts.models import Prompt, PromptSkill

PROMPT_FIELDS = ("title", "text", "difficulty", "tier_lowest", "tier_highest", "is_active", "is_tutorial")


def _require_moderator(actor) -> None:
    if not rules.can_manage_prompts(actor):
        raise PermissionDenied("Only moderators manage prompts.")


def _validated_skills(skills: list[dict]) -> list[PromptSkill]:
    """`skills` is a list of {"skill": Skill or id, "weight": number}; at least one, no repeats."""
    if not skills:
        raise ValidationError({"skills": "A prompt assesses at least one skill."})
    ids = [item["skill"].pk if isinstance(item["skill"], Skill) else item["skill"] for item in skills]
    if len(set(ids)) != len(ids):
        raise ValidationError({"skills": "Each skill may appear once."})
    known = set(Skill.objects.filter(pk__in=ids).values_list("pk", flat=True))
    rows = []
    for skill_id, item in zip(ids, skills, strict=True):
        if skill_id not in known:
            raise ValidationError({"skills": f"There is no skill with id {skill_id}."})
        try:
            weight = Decimal(str(item.get("weight", "1.0")))
        except InvalidOperation:
            raise ValidationError({"skills": "Weights are numbers from 0.1 to 3.0."}) from None
        row = PromptSkill(skill_id=skill_id, weight=weight)
        try:
            row.full_clean(exclude=["prompt"])
        except ValidationError as error:
            raise ValidationError({"skills": [f"Weight: {m}" for m in error.messages]}) from None
        rows.append(row)
    return rows


def _save(prompt: Prompt, *, actor, reason: str, skills: list[dict] | None) -> Prompt:
    rows = _validated_skills(skills) if skills is not None else None
    prompt.full_clean()
    prompt._history_user, prompt._change_reason = actor, reason
    prompt.save()
    if rows is not None:
        prompt.prompt_skills.all().delete()
        for row in rows:
            row.prompt = prompt
        PromptSkill.objects.bulk_create(rows)
    return prompt


@transaction.atomic
def prompt_create(*, actor, skills: list[dict], **fields) -> Prompt:
    _require_moderator(actor)
    unknown = set(fields) - set(PROMPT_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Unknown field."))
    return _save(Prompt(author=actor, **fields), actor=actor, reason="Created", skills=skills)


@transaction.atomic
def prompt_update(*, prompt: Prompt, actor, skills: list[dict] | None = None, **fields) -> Prompt:
    _require_moderator(actor)
    prompt = Prompt.objects.select_for_update().get(pk=prompt.pk)
    for name, value in fields.items():
        if name not in PROMPT_FIELDS:
            raise ValidationError({name: "Unknown field."})
        setattr(prompt, name, value)
    return _save(prompt, actor=actor, reason="Edited", skills=skills)
