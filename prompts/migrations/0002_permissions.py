"""Moderators manage prompts and may score; reviewers score answers (`prompts.add_skillscore`)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    "add_prompt", "change_prompt", "delete_prompt", "view_prompt", "view_historicalprompt",
    "add_promptskill", "change_promptskill", "delete_promptskill", "view_promptskill",
    "view_answer", "add_skillscore", "view_skillscore",
]
REVIEWER_PERMISSIONS = ["view_prompt", "view_answer", "add_skillscore", "view_skillscore"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("prompts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    grant_groups(apps)


def grant_groups(apps):
    """Also used by tests that flush the database (transactional tests) to bring the groups back."""
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for name, codenames in (("moderators", MODERATOR_PERMISSIONS), ("reviewers", REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="prompts", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("prompts", "0001_initial"), ("leveling", "0002_seed_skills_quests_achievements")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
