"""What the character services share: permission checks, slugs, the public rule, saving once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from characters.models import NAME_TAKEN, CharacterProfile, CharacterSlugRedirect
from core import slugs

PUBLIC_NEEDS_STYLE = "A public character needs at least one style or reference image."


def require(allowed: bool, message: str = "You may not do that with this character.") -> None:
    if not allowed:
        raise PermissionDenied(message)


def unique_character_slug(name: str, *, exclude_pk: int | None = None) -> str:
    def in_use(slug: str) -> bool:
        taken = CharacterProfile.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
        redirects = CharacterSlugRedirect.objects.filter(old_slug=slug).exclude(character_id=exclude_pk)
        return taken or redirects.exists()

    return slugs.unique_slug(name, in_use=in_use, fallback="character")


def public_rule_error(character: CharacterProfile) -> str | None:
    """Why the character may not be public as it is, or None (the same message in form, API and admin)."""
    if not character.is_public:
        return None
    has_any = character.pk is not None and (character.styles.exists() or character.images.exists())
    return None if has_any else PUBLIC_NEEDS_STYLE


def check_public_rule(character: CharacterProfile) -> None:
    error = public_rule_error(character)
    if error:
        raise ValidationError({"is_public": error})


def save_character(character: CharacterProfile, *, actor, reason: str) -> None:
    """Validate and save once (one history version); a racing request's same name is a field error."""
    character.full_clean()
    character.updated_by = actor
    character._history_user = actor
    character._change_reason = reason
    try:
        with transaction.atomic():
            character.save()
    except IntegrityError:
        raise ValidationError({"name": NAME_TAKEN}) from None


def lock_character(character: CharacterProfile) -> CharacterProfile:
    return CharacterProfile.objects.select_for_update().get(pk=character.pk)
