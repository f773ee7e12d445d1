"""Reference rows (groups and their permissions, seeded catalogues) that must always exist.

Each app's data migration creates them, and the same function runs again on `post_migrate`, which
Django also sends after a database flush (transactional tests), so they are never missing.
"""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps, app_label: str) -> None:
    """Permissions are normally created after all migrations; groups need them now."""
    app_config = apps.get_app_config(app_label)
    stub = getattr(app_config, "models_module", None) is None
    if stub:
        app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    if stub:
        app_config.models_module = None


def ensure_group(apps, name: str, permissions: dict[str, list[str]]) -> None:
    """A group holding, globally, the given permissions: {app_label: [codename, ...]}."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codenames in permissions.items():
        ensure_permissions(apps, app_label)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
