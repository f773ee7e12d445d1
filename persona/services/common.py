from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from core.uploads import make_thumbnail
from persona.models import Persona, PersonaPrompt, PersonaSlugRedirect


def require(allowed: bool, message: str = "You may not do that with this persona.") -> None:
    if not allowed:
        raise PermissionDenied(message)


# Words that are pages under /personas/ themselves.
RESERVED_SLUGS = {"new", "preferred"}


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(name) or "persona")[:100]
    if base in RESERVED_SLUGS:
        base = f"{base}-persona"
    candidate, suffix = base, 2
    while _slug_in_use(candidate, exclude_pk):
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


def _slug_in_use(slug: str, exclude_pk: int | None) -> bool:
    taken = Persona.all_objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
    return taken or PersonaSlugRedirect.objects.filter(old_slug=slug).exclude(persona_id=exclude_pk).exists()


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
        # Another request took the same name (and so slug) between the check and the insert.
        raise ValidationError({"name": "A persona with this name already exists."}) from None


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
