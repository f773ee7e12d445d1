from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from core import slugs
from core.uploads import make_thumbnail
from persona.models import OWN_NAME_TAKEN, Persona, PersonaPrompt, PersonaSlugRedirect
from persona.tags import tags_clean


def require(allowed: bool, message: str = "You may not do that with this persona.") -> None:
    if not allowed:
        raise PermissionDenied(message)


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    return slugs.unique_slug(name, in_use=lambda slug: _slug_in_use(slug, exclude_pk), fallback="persona")


def _slug_in_use(slug: str, exclude_pk: int | None) -> bool:
    taken = Persona.all_objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
    return taken or PersonaSlugRedirect.objects.filter(old_slug=slug).exclude(persona_id=exclude_pk).exists()


def lock_live_persona(persona: Persona) -> Persona:
    """The persona's row, locked for this transaction; a persona deleted meanwhile (by a request that
    raced this one) answers 404, as it would a moment later."""
    locked = Persona.objects.select_for_update().filter(pk=persona.pk).first()
    if locked is None:
        raise Http404("No persona found.")
    return locked


def lock_owner(owner) -> None:
    """Serialize one owner's creations so per-owner name checks (fork names) see each other."""
    list(get_user_model().objects.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True))


def save_validated(persona: Persona, *, actor, reason: str, image_changed: bool = False) -> None:
    """Validate, make the thumbnail of a new image, and save once (one history version)."""
    persona.full_clean()
    if image_changed:
        refresh_thumbnail(persona)
    persona._history_user = actor
    persona._change_reason = reason
    try:
        with transaction.atomic():
            persona.save()
    except IntegrityError:
        # Another request took a name that looks the same between the check and the write.
        raise ValidationError({"name": persona.name_clash() or OWN_NAME_TAKEN}) from None


def refresh_thumbnail(persona: Persona) -> None:
    persona.thumbnail = make_thumbnail(persona.image) if persona.image else ""


def replace_prompts(persona: Persona, prompts: list[dict]) -> None:
    """Replace the persona's ordered prompts with the given titles and texts."""
    cleaned = []
    for order, item in enumerate(prompts):
        prompt = PersonaPrompt(persona=persona, order=order, title=item["title"], text=item["text"])
        try:
            prompt.full_clean(exclude=["persona"])
        except ValidationError as error:
            raise ValidationError({"prompts": [f"Prompt {order + 1}: {m}" for m in error.messages]}) from None
        cleaned.append(prompt)
    persona.prompts.all().delete()
    for prompt in cleaned:
        prompt.save()


def replace_tags(persona: Persona, tags) -> bool:
    """Set the persona's tags to `tags` (normalized, persona.tags); True when they changed."""
    try:
        wanted = tags_clean(tags)
    except ValidationError as error:
        raise ValidationError({"tags": error.messages}) from error
    if set(wanted) == set(persona.tags.names()):
        return False
    persona.tags.set(wanted)
    return True
