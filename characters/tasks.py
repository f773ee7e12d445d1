from celery import shared_task

from characters.models import ReferenceImage


@shared_task
def reference_image_process_task(image_id: int) -> bool:
    """Make a reference image's thumbnail and web variant; False when it was deleted meanwhile."""
    from characters.services.images import reference_image_process

    image = ReferenceImage.objects.filter(pk=image_id).first()
    if image is None:
        return False
    reference_image_process(image=image)
    return True


@shared_task
def character_train_task(character_id: int) -> str | None:
    """Compute a character's embedding; the training profile records the outcome, failures included."""
    from characters.services.training import training_run

    profile = training_run(character_id=character_id)
    return profile.status if profile else None
