"""A character's styles: either a prompt or a prompt helper; a blank negative prompt takes the
helper's."""

from django.core.exceptions import ValidationError
from django.db import transaction

from characters import rules
from characters.models import CharacterProfile, CharacterStyle
from characters.services.common import PUBLIC_NEEDS_STYLE, lock_character, require


@transaction.atomic
def character_style_create(*, character: CharacterProfile, actor, order: int | None = None, **fields):
    require(rules.can_edit(actor, character))
    if order is None:
        order = character.styles.count()
    style = CharacterStyle(character=character, order=order, **fields)
    style.full_clean()
    style.save()
    return style


@transaction.atomic
def character_style_update(*, style: CharacterStyle, actor, **fields) -> CharacterStyle:
    require(rules.can_edit(actor, style.character))
    for name, value in fields.items():
        setattr(style, name, value)
    style.full_clean()
    style.save()
    return style


@transaction.atomic
def character_style_delete(*, style: CharacterStyle, actor) -> None:
    character = style.character
    require(rules.can_edit(actor, character))
    character = lock_character(character)
    others = character.styles.exclude(pk=style.pk)
    if character.is_public and not others.exists() and not character.images.exists():
        raise ValidationError({"style": PUBLIC_NEEDS_STYLE})
    style.delete()


@transaction.atomic
def character_styles_reorder(*, character: CharacterProfile, actor, style_ids: list[int]) -> None:
    require(rules.can_edit(actor, character))
    character = lock_character(character)
    current = set(character.styles.values_list("pk", flat=True))
    if len(style_ids) != len(set(style_ids)) or set(style_ids) != current:
        raise ValidationError({"order": "List each of the character's styles exactly once."})
    for position, style_id in enumerate(style_ids):
        CharacterStyle.objects.filter(pk=style_id).update(order=position)
