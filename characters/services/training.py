"""The training profile's state machine: pending → training → complete | failed, and back to pending
on retrain. The Celery task (characters.tasks.character_train_task) runs `training_run`; a failure is
recorded on the profile (status, error, log), never lost."""

import uuid

from django.db import transaction
from django.utils import timezone

from characters import embedding, rules
from characters.models import CharacterProfile, TrainingProfile, TrainingStatus
from characters.services.common import require
from core.exceptions import ConflictError

TRANSITIONS = {
    TrainingStatus.PENDING: {TrainingStatus.TRAINING},
    TrainingStatus.TRAINING: {TrainingStatus.COMPLETE, TrainingStatus.FAILED},
    TrainingStatus.COMPLETE: {TrainingStatus.PENDING},
    TrainingStatus.FAILED: {TrainingStatus.PENDING},
}
ALREADY_TRAINING = "This character is training now; retrain it once that has finished."


def _move(profile: TrainingProfile, status: str, note: str) -> None:
    if status not in TRANSITIONS[profile.status]:
        raise ConflictError(f"A training profile cannot go from {profile.status} to {status}.")
    profile.status = status
    stamp = timezone.now().strftime("%Y-%m-%d %H:%M:%S")
    profile.log = f"{profile.log}{stamp} {status}: {note}\n"[-20000:]


def training_queue(*, character: CharacterProfile) -> TrainingProfile:
    """Queue (re)training once the caller's transaction commits."""
    profile = TrainingProfile.objects.select_for_update().get(character=character)
    if profile.status != TrainingStatus.PENDING:
        _move(profile, TrainingStatus.PENDING, "queued")
    else:
        profile.log = f"{profile.log}{timezone.now():%Y-%m-%d %H:%M:%S} pending: queued\n"
    profile.task_id = uuid.uuid4().hex
    profile.save()
    from characters.tasks import character_train_task

    task_id, character_id = profile.task_id, character.pk
    transaction.on_commit(lambda: character_train_task.apply_async((character_id,), task_id=task_id))
    return profile


@transaction.atomic
def character_retrain(*, character: CharacterProfile, actor) -> TrainingProfile:
    require(rules.can_edit(actor, character), "Only the character's editors retrain it.")
    profile = TrainingProfile.objects.select_for_update().get(character=character)
    if profile.status == TrainingStatus.TRAINING:
        raise ConflictError(ALREADY_TRAINING)
    return training_queue(character=character)


def training_run(*, character_id: int) -> TrainingProfile | None:
    """Compute the embedding; the profile says training while it runs and how it ended."""
    profile = _start(character_id)
    if profile is None:
        return None
    try:
        vector = _compute(profile.character)
    except Exception as error:  # whatever broke, the profile records it
        return _finish(profile.pk, failed=f"{type(error).__name__}: {error}")
    return _finish(profile.pk, vector=vector)


@transaction.atomic
def _start(character_id: int) -> TrainingProfile | None:
    profile = (
        TrainingProfile.objects.select_for_update()
        .select_related("character")
        .filter(character_id=character_id)
        .first()
    )
    if profile is None or profile.status != TrainingStatus.PENDING:
        return None  # deleted meanwhile, or another run took it
    _move(profile, TrainingStatus.TRAINING, "started")
    profile.started_at, profile.finished_at = timezone.now(), None
    profile.save()
    return profile


def _compute(character: CharacterProfile) -> list[float]:
    text = embedding.text_features(embedding.character_text(character))
    files = []
    try:
        for reference in character.images.all():
            files.append(reference.image.open("rb"))
        images = embedding.image_features(files)
    finally:
        for file in files:
            file.close()
    return embedding.combine(text, images)


@transaction.atomic
def _finish(profile_id: int, *, vector: list[float] | None = None, failed: str = "") -> TrainingProfile:
    profile = TrainingProfile.objects.select_for_update().get(pk=profile_id)
    profile.finished_at = timezone.now()
    if failed:
        _move(profile, TrainingStatus.FAILED, failed)
        profile.last_error = failed[:5000]
    else:
        _move(profile, TrainingStatus.COMPLETE, f"embedding of {len(vector)} dimensions")
        profile.embedding, profile.embedding_method = vector, embedding.EMBEDDING_METHOD
    profile.save()
    return profile
