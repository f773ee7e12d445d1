from characters.views.browse import character_detail, character_list
from characters.views.cards import character_export_page, character_import_page, character_make_persona
from characters.views.editing import (
    character_create_page,
    character_edit,
    character_fork_page,
    character_retrain_page,
    character_set_primary_page,
)
from characters.views.projects import (
    project_create_page,
    project_delete_page,
    project_detail,
    project_edit_page,
    project_list,
    project_member_page,
)

__all__ = [
    "character_create_page",
    "character_detail",
    "character_edit",
    "character_export_page",
    "character_fork_page",
    "character_import_page",
    "character_list",
    "character_make_persona",
    "character_retrain_page",
    "character_set_primary_page",
    "project_create_page",
    "project_delete_page",
    "project_detail",
    "project_edit_page",
    "project_list",
    "project_member_page",
]
