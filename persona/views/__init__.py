"""The server-rendered persona pages. Views parse input, call a service or selector, and render."""

from persona.views.actions import (
    persona_archive_page,
    persona_delete_page,
    persona_fork_page,
    persona_share_page,
    persona_unarchive_page,
    persona_undo_delete_page,
    persona_unshare_page,
)
from persona.views.browse import persona_detail, persona_list, persona_preferred
from persona.views.editing import persona_create_page, persona_edit, persona_restore_version_page
from persona.views.trash import persona_restore_from_trash_page, persona_trash_page

__all__ = [
    "persona_archive_page",
    "persona_create_page",
    "persona_delete_page",
    "persona_detail",
    "persona_edit",
    "persona_fork_page",
    "persona_list",
    "persona_preferred",
    "persona_restore_from_trash_page",
    "persona_restore_version_page",
    "persona_share_page",
    "persona_trash_page",
    "persona_unarchive_page",
    "persona_undo_delete_page",
    "persona_unshare_page",
]
