"""The training profile's state machine, on a real Celery worker, failures included; similar characters."""

import time

import pytest

from characters import selectors
from characters.models import TrainingProfile, TrainingStatus
from characters.services import character_retrain
from characters.services.training import ALREADY_TRAINING, training_run
from characters.tests.factories import make_character
from core.exceptions import ConflictError


def _wait_for(character, statuses, timeout: float = 60) -> TrainingProfile:
    deadline = time.monotonic() + timeout
    profile = TrainingProfile.objects.get(character=character)
    while profile.status not in statuses and time.monotonic() < deadline:
        time.sleep(0.2)
        profile.refresh_from_db()
    return profile


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_trains_a_new_character_and_records_a_failure_then_a_retrain(celery_worker_on_redis, alice):
    character = make_character(alice, name="Worker Wren", images=1)
    profile = _wait_for(character, {TrainingStatus.COMPLETE, TrainingStatus.FAILED})
    assert profile.status == TrainingStatus.COMPLETE
    assert profile.started_at <= profile.finished_at
    assert "training: started" in profile.log and "complete:" in profile.log
    assert len(profile.embedding) == 536 and profile.embedding_method

    image = character.images.get()
    image.image.storage.delete(image.image.name)  # the stored file is gone: training cannot read it
    character_retrain(character=character, actor=alice)
    profile = _wait_for(character, {TrainingStatus.FAILED})
    assert profile.status == TrainingStatus.FAILED
    assert "FileNotFoundError" in profile.last_error
    assert "failed:" in profile.log
    assert profile.embedding, "the last good embedding is kept"

    image.delete()
    character_retrain(character=character, actor=alice)
    assert _wait_for(character, {TrainingStatus.COMPLETE}).status == TrainingStatus.COMPLETE


@pytest.mark.django_db
def test_retrain_is_refused_while_training(alice):
    character = make_character(alice)
    TrainingProfile.objects.filter(character=character).update(status=TrainingStatus.TRAINING)
    with pytest.raises(ConflictError, match=ALREADY_TRAINING):
        character_retrain(character=character, actor=alice)


@pytest.mark.django_db
def test_a_run_only_takes_a_pending_profile(alice):
    character = make_character(alice)
    TrainingProfile.objects.filter(character=character).update(status=TrainingStatus.COMPLETE)
    assert training_run(character_id=character.pk) is None
    assert TrainingProfile.objects.get(character=character).status == TrainingStatus.COMPLETE


@pytest.mark.django_db
def test_similar_characters_are_ranked_by_their_embeddings(alice, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        knight = make_character(
            alice, name="Sir Knight", description="A brave knight with a sword and shield."
        )
        paladin = make_character(alice, name="Paladin", description="A brave holy knight with a shield.")
        chef = make_character(alice, name="Chef", description="Cooks pasta and bakes bread every morning.")
        hidden = make_character(
            bob, name="Bob's Knight", description="A brave knight with a sword and shield."
        )
    similar = selectors.characters_similar_to(user=alice, character=knight)
    assert [c.pk for c in similar] == [paladin.pk, chef.pk]
    assert hidden.pk not in [c.pk for c in similar]
    assert similar[0].similarity > similar[1].similarity
