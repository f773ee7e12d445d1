from django.conf import settings
from django.core import signing
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
DRAFT_SALT = "prompts.answer-draft"


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


def answer_check_allowed(*, persona: Persona, prompt: Prompt, actor) -> None:
    """Refuse what answer_create would: drafting an answer follows the same rules as giving one."""
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


def answer_draft_token(*, prompt: Prompt, actor, model: str) -> str:
    """What the author sends back with a drafted answer: the model that drafted it, signed, so an answer
    records a model only when one really drafted it for this author and prompt. It never expires: at
    worst it marks one more of its holder's own answers to that prompt as drafted."""
    return signing.dumps({"prompt": prompt.pk, "author": actor.pk, "model": model}, salt=DRAFT_SALT)


def _draft_model(*, token: str, prompt: Prompt, actor) -> str:
    try:
        draft = signing.loads(token, salt=DRAFT_SALT)
    except signing.BadSignature:
        draft = None
    if not isinstance(draft, dict) or (draft.get("prompt"), draft.get("author")) != (prompt.pk, actor.pk):
        raise ValidationError({"draft_token": "This draft token was not given to you for this prompt."})
    return draft["model"]


@transaction.atomic
def answer_create(*, persona: Persona, prompt: Prompt, actor, text: str, draft_token: str = "") -> Answer:
    """One answer per persona and prompt, given by its owner or someone it is shared with for editing;
    `draft_token` (from answer_draft) records which language model drafted it."""
    answer_check_allowed(persona=persona, prompt=prompt, actor=actor)
    draft_model = _draft_model(token=draft_token, prompt=prompt, actor=actor) if draft_token else ""
    answer = Answer(persona=persona, prompt=prompt, author=actor, text=text, draft_model=draft_model)
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
