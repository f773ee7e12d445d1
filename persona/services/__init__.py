"""Every write to personas goes through these functions; views, API, admin and commands call them."""

from persona.services.defaults import persona_initialize_default
from persona.services.forking import persona_fork
from persona.services.lifecycle import (
    persona_archive,
    persona_create,
    persona_delete,
    persona_restore,
    persona_restore_version,
    persona_undo_delete,
    persona_update,
)
from persona.services.sharing import persona_set_preferred, persona_share, persona_unshare

__all__ = [
    "persona_archive",
    "persona_create",
    "persona_delete",
    "persona_fork",
    "persona_initialize_default",
    "persona_restore",
    "persona_restore_version",
    "persona_set_preferred",
    "persona_share",
    "persona_undo_delete",
    "persona_unshare",
    "persona_update",
]
