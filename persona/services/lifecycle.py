from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, timezone

from core.exceptions import ConflictError, GoneError
from persona import rules, signals
from persona.models import DeleteReason, Persona, PersonaSlugRedirect, Status
from persona.services.common import (
    lock_live_persona,
    lock_owner,
    replace_prompts,
    replace_tags,
    require,
    save_validated,
    unique_slug,
)

# Who sees a persona and its definitions is for its owner (or a moderator) to decide, not its editors.
MANAGER_FIELDS = {"visibility", "definitions_hidden", "is_default", "status"}


@transaction.atomic
def persona_create(
    *,
    owner,
    prompts: list[dict] | None = None,
    tags: list[str] | None = None,
    forked_from: Persona | None = None,
    **fields,
):
    lock_owner(owner)
    persona = Persona(owner=owner, forked_from=forked_from, **fields)
    persona.slug = unique_slug(persona.name or "")
    save_validated(persona, actor=owner, reason="Created", image_changed=bool(persona.image))
    replace_prompts(persona, prompts or [])
    replace_tags(persona, tags or [])
    signals.persona_created.send(sender=Persona, persona=persona, actor=owner)
    return persona


@transaction.atomic
def persona_update(
    *,
    persona: Persona,
    actor,
    prompts: list[dict] | None = None,
    tags: list[str] | None = None,
    reason: str = "Edited",
    **fields,
) -> Persona:
    require(rules.can_edit(actor, persona))
    persona = lock_live_persona(persona)
    old_slug = persona.slug
    changed = {name for name, value in fields.items() if getattr(persona, name) != value}
    if changed & MANAGER_FIELDS:
        require(
            rules.can_manage(actor, persona),
            "Only the owner or a moderator changes visibility, status or who sees the definitions.",
        )
    for name, value in fields.items():
        setattr(persona, name, value)
    if "name" in changed:
        persona.slug = unique_slug(persona.name, exclude_pk=persona.pk)
    save_validated(persona, actor=actor, reason=reason, image_changed="image" in changed)
    if persona.slug != old_slug:
        PersonaSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"persona": persona})
    if prompts is not None:
        replace_prompts(persona, prompts)
        changed.add("prompts")
    if tags is not None and replace_tags(persona, tags):
        changed.add("tags")
    signals.persona_updated.send(sender=Persona, persona=persona, actor=actor, changed_fields=changed)
    return persona


def _set_status(persona: Persona, *, actor, status: str, reason: str) -> Persona:
    require(rules.can_manage(actor, persona), "Only the owner or a moderator archives or restores a persona.")
    persona = lock_live_persona(persona)
    persona.status = status
    save_validated(persona, actor=actor, reason=reason)
    signals.persona_updated.send(sender=Persona, persona=persona, actor=actor, changed_fields={"status"})
    return persona


@transaction.atomic
def persona_archive(*, persona: Persona, actor) -> Persona:
    return _set_status(persona, actor=actor, status=Status.ARCHIVED, reason="Archived")


@transaction.atomic
def persona_restore(*, persona: Persona, actor) -> Persona:
    return _set_status(persona, actor=actor, status=Status.ACTIVE, reason="Unarchived")


UNDO_WINDOW_PASSED = "The undo window has passed; this persona can no longer be restored."


def undo_deadline(persona: Persona):
    return persona.deleted_at + settings.PERSONA_UNDO_WINDOW


def undo_window_open(persona: Persona) -> bool:
    return timezone.now() <= undo_deadline(persona)


@transaction.atomic
def persona_delete(*, persona: Persona, actor, reason: str = "", reason_detail: str = "") -> Persona:
    """Soft delete: the persona disappears everywhere at once and can be undone for a short while."""
    require(rules.can_manage(actor, persona), "Only the owner or a moderator deletes a persona.")
    if reason and reason not in DeleteReason.values:
        raise ValidationError({"reason": f"Choose one of: {', '.join(DeleteReason.values)}."})
    persona = lock_live_persona(persona)
    persona.deleted_at, persona.deleted_by = timezone.now(), actor
    persona.delete_reason, persona.delete_reason_detail = reason, reason_detail[:500]
    persona._history_user, persona._change_reason = actor, "Deleted"
    persona.save()
    signals.persona_deleted.send(sender=Persona, persona=persona, actor=actor)
    return persona


@transaction.atomic
def persona_undo_delete(*, persona: Persona, actor) -> Persona:
    persona = Persona.all_objects.select_for_update().get(pk=persona.pk)
    require(rules.can_manage(actor, persona), "Only the owner or a moderator restores a deleted persona.")
    if not persona.is_deleted:
        return persona
    if not undo_window_open(persona):
        raise GoneError(UNDO_WINDOW_PASSED)
    return bring_back(persona, actor=actor, reason="Delete undone")


def bring_back(persona: Persona, *, actor, reason: str) -> Persona:
    """Make a soft-deleted persona (locked by the caller) live again, as it was."""
    if persona.name_clash():
        raise ConflictError("Another persona took this name meanwhile; it cannot be restored.", field="name")
    persona.deleted_at, persona.deleted_by = None, None
    persona.delete_reason, persona.delete_reason_detail = "", ""
    persona._history_user, persona._change_reason = actor, reason
    persona.save()
    signals.persona_undeleted.send(sender=Persona, persona=persona, actor=actor)
    return persona


RESTORABLE_FIELDS = (
    "name",
    "description",
    "image",
    "ai_link",
    "greeting",
    "alternate_greetings",
    "system_prompt",
    "scenario",
    "example_dialogue",
    "personality_traits",
    "capabilities",
)


def persona_restore_version(*, persona: Persona, actor, history_id: int) -> Persona:
    """Bring back the identity a persona had in an earlier version (a new version records the restore)."""
    version = persona.history.filter(history_id=history_id).first()
    if version is None:
        raise ValidationError({"history_id": "No such version of this persona."})
    fields = {name: getattr(version, name) for name in RESTORABLE_FIELDS}
    return persona_update(persona=persona, actor=actor, reason=restored_version_reason(version), **fields)


def restored_version_reason(version) -> str:
    """The history entry of a restore names the version brought back by its date."""
    when = dateformat.format(timezone.localtime(version.history_date), "j F Y, H:i")
    return f"Restored version of {when}"
