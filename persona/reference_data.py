from django.apps import apps as global_apps

from core.reference_data import ensure_group

MODERATOR_PERMISSIONS = ["view_persona", "change_persona", "delete_persona", "view_historicalpersona"]


def ensure(apps) -> None:
    ensure_group(apps, "moderators", {"persona": MODERATOR_PERMISSIONS})


def ensure_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure(apps)
