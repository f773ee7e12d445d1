from importlib import import_module

import pytest

from accounts.tests.factories import UserFactory
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import PromptFactory


@pytest.fixture
def rita(db):
    """A reviewer."""
    return UserFactory(username="rita", groups=["reviewers"])


@pytest.fixture
def persona(alice):
    return PersonaFactory(owner=alice, name="Sage of Alice")


@pytest.fixture
def prompt(db):
    return PromptFactory(title="Explain recursion", skills=["reasoning", "clarity"], difficulty=3)


@pytest.fixture
def migration_data(transactional_db):
    """Transactional tests flush every table afterwards, data migrations' rows included (Django recreates
    only content types and permissions). Put back the rows these tests need; every step is idempotent."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for label in ("persona", "leveling", "prompts"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    persona_groups = import_module("persona.migrations.0002_moderators_group")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="moderators")
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="persona", codename__in=persona_groups.MODERATOR_PERMISSIONS
        )
    )
    leveling_data = import_module("leveling.migrations.0002_seed_skills_quests_achievements")
    leveling_data.seed(apps, None)
    leveling_data.grant(apps)
    import_module("prompts.migrations.0002_permissions").grant_groups(apps)
