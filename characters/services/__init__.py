"""Every write to characters goes through these functions; views, API, admin and commands call them."""

from characters.services.cards import character_export, character_import
from characters.services.characters import (
    character_create,
    character_delete,
    character_fork,
    character_update,
)
from characters.services.common import PUBLIC_NEEDS_STYLE
from characters.services.images import (
    reference_image_add,
    reference_image_delete,
    reference_image_set_primary,
    reference_image_update,
    reference_images_reorder,
)
from characters.services.personas import persona_from_character
from characters.services.projects import (
    project_create,
    project_delete,
    project_member_remove,
    project_member_set,
    project_update,
)
from characters.services.styles import (
    character_style_create,
    character_style_delete,
    character_style_update,
    character_styles_reorder,
)
from characters.services.tags import tag_create, tag_update
from characters.services.training import character_retrain

__all__ = [
    "PUBLIC_NEEDS_STYLE",
    "character_create",
    "character_delete",
    "character_export",
    "character_fork",
    "character_import",
    "character_retrain",
    "character_style_create",
    "character_style_delete",
    "character_style_update",
    "character_styles_reorder",
    "character_update",
    "persona_from_character",
    "project_create",
    "project_delete",
    "project_member_remove",
    "project_member_set",
    "project_update",
    "reference_image_add",
    "reference_image_delete",
    "reference_image_set_primary",
    "reference_image_update",
    "reference_images_reorder",
    "tag_create",
    "tag_update",
]
