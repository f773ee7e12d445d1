"""Moderators read research profiles (and their history), needs analyses and audit logs in the admin.
Created by migration 0002 and ensured again on every `post_migrate` (see core.reference_data)."""

from django.apps import apps as global_apps

from core.reference_data import ensure_group

MODERATOR_PERMISSIONS = [
    "view_researchprofile",
    "view_historicalresearchprofile",
    "view_needsanalysis",
    "view_auditentry",
]


def ensure(apps) -> None:
    ensure_group(apps, "moderators", {"insights": MODERATOR_PERMISSIONS})


def ensure_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure(apps)
