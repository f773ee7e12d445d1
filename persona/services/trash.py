"""The trash: a deleted persona stays recoverable by its owner for PERSONA_TRASH_RETENTION_DAYS (the
short undo window, for the owner or a moderator, comes first); then persona_trash_purge deletes it for
good, with its history and the image files nothing else shows."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.exceptions import GoneError
from persona import rules
from persona.models import Persona, PersonaPrompt
from persona.services.common import require
from persona.services.lifecycle import bring_back

PURGED = "This persona stayed in the trash for its whole retention period and is gone for good."
PURGE_BATCH = 200


def trash_retention() -> timedelta:
    return timedelta(days=settings.PERSONA_TRASH_RETENTION_DAYS)


def trash_purge_date(persona: Persona) -> datetime:
    """When the purge deletes the persona for good."""
    return persona.deleted_at + trash_retention()


@transaction.atomic
def persona_restore_from_trash(*, persona: Persona, actor) -> Persona:
    persona = Persona.all_objects.select_for_update().get(pk=persona.pk)
    require(rules.is_owner(actor, persona), "Only the owner restores a persona from the trash.")
    if not persona.is_deleted:
        return persona
    if timezone.now() > trash_purge_date(persona):
        raise GoneError(PURGED)
    return bring_back(persona, actor=actor, reason="Restored from the trash")


def persona_trash_purge(*, now: datetime | None = None) -> int:
    """Delete for good every persona deleted longer ago than the retention period, in batches (each its
    own transaction, so a long purge holds no lock for long); how many were purged."""
    cutoff = (now or timezone.now()) - trash_retention()
    purged = 0
    while batch := _purge_batch(cutoff):
        purged += batch
    return purged


@transaction.atomic
def _purge_batch(cutoff: datetime) -> int:
    expired = Persona.all_objects.select_for_update(skip_locked=True).filter(deleted_at__lt=cutoff)
    ids = list(expired.values_list("pk", flat=True)[:PURGE_BATCH])
    if not ids:
        return 0
    files = _files_of(ids)
    forks = list(Persona.all_objects.filter(forked_from_id__in=ids).values_list("pk", flat=True))
    Persona.all_objects.filter(pk__in=ids).delete()  # chats, answers... go with it (CASCADE)
    Persona.history.filter(id__in=ids).delete()
    PersonaPrompt.history.filter(persona_id__in=ids).delete()
    unused = files - _files_still_shown(files, forks)
    transaction.on_commit(lambda: _remove_files(unused))
    return len(ids)


def _files_of(ids: list[int]) -> set[str]:
    """The image and thumbnail files the personas show or showed in any version."""
    rows = Persona.history.filter(id__in=ids).values_list("image", "thumbnail")
    current = Persona.all_objects.filter(pk__in=ids).values_list("image", "thumbnail")
    return {name for row in [*rows, *current] for name in row if name}


def _files_still_shown(files: set[str], forks: list[int]) -> set[str]:
    """Forks share their parent's image file: those a remaining persona shows, or one of the forks
    showed in an earlier version (a restore could bring it back), stay."""
    shown = Q(image__in=files) | Q(thumbnail__in=files)
    rows = [
        *Persona.all_objects.filter(shown).values_list("image", "thumbnail"),
        *Persona.history.filter(shown, id__in=forks).values_list("image", "thumbnail"),
    ]
    return {name for row in rows for name in row if name in files}


def _remove_files(names: set[str]) -> None:
    for name in names:
        default_storage.delete(name)
