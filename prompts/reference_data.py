"""Moderators manage prompts and may score; reviewers score answers (`prompts.add_skillscore`).
Created by migration 0002 and ensured again on every `post_migrate` (see core.reference_data)."""

from django.apps import apps as global_apps

from core.reference_data import ensure_group

MODERATOR_PERMISSIONS = [
    "add_prompt",
    "change_prompt",
    "delete_prompt",
    "view_prompt",
    "view_historicalprompt",
    "add_promptskill",
    "change_promptskill",
    "delete_promptskill",
    "view_promptskill",
    "view_answer",
    "add_skillscore",
    "view_skillscore",
]
REVIEWER_PERMISSIONS = ["view_prompt", "view_answer", "add_skillscore", "view_skillscore"]


def ensure(apps) -> None:
    ensure_group(apps, "moderators", {"prompts": MODERATOR_PERMISSIONS})
    ensure_group(apps, "reviewers", {"prompts": REVIEWER_PERMISSIONS})


def ensure_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure(apps)
