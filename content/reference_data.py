"""Moderators delete content and hide or show comments anywhere (and read them in the admin). Ensured
on every `post_migrate` (see core.reference_data) and by the data migration."""

from django.apps import apps as global_apps

from core.reference_data import ensure_group

MODERATOR_PERMISSIONS = [
    "view_contentitem",
    "delete_contentitem",
    "view_chatmessage",
    "view_contentcomment",
    "change_contentcomment",
]


def ensure(apps) -> None:
    ensure_group(apps, "moderators", {"content": MODERATOR_PERMISSIONS})


def ensure_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure(apps)
