from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ConflictError
from leveling.services import progress_record_answer
from persona.models import Persona, Status
from prompts import rules, signals
from prompts.models import Answer, Prompt
from prompts.services.autoscoring import answer_auto_score_enqueue

DUPLICATE = "This persona already answered this prompt; edit or view that answer instead."


def answer_edit_deadline(answer: Answer):
    return answer.created_at + settings.PROMPTS_ANSWER_EDIT_WINDOW


def answer_is_editable_by(user, answer: Answer) -> bool:
    """Its author, within the edit window, while nobody has scored it."""
    return (
        user.is_authenticated
        and answer.author_id == user.pk
        and timezone.now() <= answer_edit_deadline(answer)
        and not answer.scores.exists()
    )


@transaction.atomic
def answer_create(*, persona: Persona, prompt: Prompt, actor, text: str) -> Answer:
    """One answer per persona and prompt, given by its owner or someone it is shared with for editing."""
    if not rules.can_answer_for(actor, persona):
        raise PermissionDenied(
            "Only the owner, or someone it is shared with for editing, answers for a persona."
        )
    if persona.status == Status.ARCHIVED:
        raise ValidationError({"persona": "An archived persona does not answer prompts."})
    if not prompt.is_active:
        raise ValidationError({"prompt": "This prompt is no longer active."})
    if Answer.objects.filter(persona=persona, prompt=prompt).exists():
        raise ValidationError({"prompt": DUPLICATE})
    answer = Answer(persona=persona, prompt=prompt, author=actor, text=text)
    answer.full_clean()
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        raise ValidationError({"prompt": DUPLICATE}) from None
    progress_record_answer(persona=persona, skills=list(prompt.skills.all()))
    answer_auto_score_enqueue(answer=answer)
    signals.answer_submitted.send(sender=Answer, answer=answer, actor=actor)
    return answer


@transaction.atomic
def answer_update(*, answer: Answer, actor, text: str) -> Answer:
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.author_id != getattr(actor, "pk", None):
        raise PermissionDenied("Only the author edits an answer.")
    if answer.scores.exists():
        raise ConflictError("This answer has been scored; it can no longer be edited.", field="text")
    if timezone.now() > answer_edit_deadline(answer):
        minutes = int(settings.PROMPTS_ANSWER_EDIT_WINDOW.total_seconds() // 60)
        raise ConflictError(f"Answers can be edited for {minutes} minutes only.", field="text")
    answer.text = text
    answer.full_clean()
    answer.save(update_fields=["text", "updated_at"])
    signals.answer_edited.send(sender=Answer, answer=answer, actor=actor)
    return answer
