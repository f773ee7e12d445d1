"""Moderators open proposals (`metrics.add_proposal`) and read them, their choices and votes in the
admin. Ensured on every `post_migrate` (see core.reference_data), which every deployment's `migrate`
sends, so the group never lacks them."""

from django.apps import apps as global_apps

from core.reference_data import ensure_group

MODERATOR_PERMISSIONS = ["add_proposal", "view_proposal", "view_proposalchoice", "view_vote"]


def ensure(apps) -> None:
    ensure_group(apps, "moderators", {"metrics": MODERATOR_PERMISSIONS})


def ensure_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure(apps)
