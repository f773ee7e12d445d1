"""Reference images: added with the upload checks of core.uploads, their metadata stored, one primary
per character (switched atomically; the database refuses a second), ordered, and their thumbnail and
web variant made by a Celery task after the upload commits."""

from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image

from characters import rules
from characters.models import CharacterProfile, ReferenceImage
from characters.services.common import PUBLIC_NEEDS_STYLE, lock_character, require
from core.uploads import make_thumbnail, make_web_variant
from core.uploads.images import DECODERS


def _enqueue_processing(image: ReferenceImage) -> None:
    from characters.tasks import reference_image_process_task

    image_id = image.pk
    transaction.on_commit(lambda: reference_image_process_task.delay(image_id))


@transaction.atomic
def reference_image_add(
    *,
    character: CharacterProfile,
    actor,
    image,
    alt_text: str,
    caption: str = "",
    tags=(),
    style=None,
    is_primary: bool = False,
    order: int | None = None,
) -> ReferenceImage:
    require(rules.can_edit(actor, character))
    character = lock_character(character)
    if order is None:
        order = character.images.count()
    reference = ReferenceImage(
        character=character, image=image, alt_text=alt_text, caption=caption, style=style, order=order
    )
    reference.full_clean()
    reference.save()
    _store_metadata(reference)
    reference.tags.set(tags)
    if is_primary or not character.images.filter(is_primary=True).exists():
        _make_primary(character, reference)
    _enqueue_processing(reference)
    return reference


def _store_metadata(reference: ReferenceImage) -> None:
    with reference.image.open("rb") as file, Image.open(file, formats=DECODERS) as opened:
        reference.width, reference.height = opened.size
        reference.format = opened.format
    reference.bytes = reference.image.size
    reference.save(update_fields=["width", "height", "format", "bytes"])


def _make_primary(character: CharacterProfile, reference: ReferenceImage) -> None:
    """Clear the old primary first: the partial unique index admits one primary at any moment."""
    character.images.filter(is_primary=True).exclude(pk=reference.pk).update(is_primary=False)
    character.images.filter(pk=reference.pk).update(is_primary=True)
    reference.is_primary = True


@transaction.atomic
def reference_image_set_primary(*, image: ReferenceImage, actor) -> ReferenceImage:
    require(rules.can_edit(actor, image.character))
    character = lock_character(image.character)
    _make_primary(character, image)
    return image


@transaction.atomic
def reference_image_update(*, image: ReferenceImage, actor, tags=None, **fields) -> ReferenceImage:
    require(rules.can_edit(actor, image.character))
    lock_character(image.character)
    for name, value in fields.items():
        setattr(image, name, value)
    image.full_clean()
    image.save()
    if tags is not None:
        image.tags.set(tags)
    return image


@transaction.atomic
def reference_image_delete(*, image: ReferenceImage, actor) -> None:
    character = image.character
    require(rules.can_edit(actor, character))
    character = lock_character(character)
    remaining = character.images.exclude(pk=image.pk)
    if character.is_public and not remaining.exists() and not character.styles.exists():
        raise ValidationError({"image": PUBLIC_NEEDS_STYLE})
    was_primary = image.is_primary
    image.delete()
    successor = remaining.order_by("order", "id").first()
    if was_primary and successor is not None:
        _make_primary(character, successor)


@transaction.atomic
def reference_images_reorder(*, character: CharacterProfile, actor, image_ids: list[int]) -> None:
    require(rules.can_edit(actor, character))
    character = lock_character(character)
    current = set(character.images.values_list("pk", flat=True))
    if len(image_ids) != len(set(image_ids)) or set(image_ids) != current:
        raise ValidationError({"order": "List each of the character's images exactly once."})
    for position, image_id in enumerate(image_ids):
        ReferenceImage.objects.filter(pk=image_id).update(order=position)


def reference_image_process(*, image: ReferenceImage) -> ReferenceImage:
    """Make the thumbnail and the WebP web variant of a stored image."""
    with image.image.open("rb") as file:
        thumbnail, web = make_thumbnail(file), make_web_variant(file)
    image.thumbnail.save("thumb", thumbnail, save=False)
    image.web_image.save("web", web, save=False)
    image.save(update_fields=["thumbnail", "web_image"])
    return image
