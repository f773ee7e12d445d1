from django.apps import apps as global_apps

from core.reference_data import ensure_group

MODERATOR_PERMISSIONS = [
    "view_characterprofile",
    "change_characterprofile",
    "delete_characterprofile",
    "view_historicalcharacterprofile",
    "view_tag",
    "add_tag",
    "change_tag",
    "delete_tag",
    "view_trainingprofile",
    "change_trainingprofile",
    "view_project",
    "view_referenceimage",
    "view_characterstyle",
]


def ensure(apps) -> None:
    ensure_group(apps, "moderators", {"characters": MODERATOR_PERMISSIONS})


def ensure_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure(apps)
