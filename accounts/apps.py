from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import selectors
        from accounts.models import Profile
        from core.uploads import register_upload_folder

        register_upload_folder(Profile._meta.get_field("avatar").folder, selectors.avatar_upload_access)
        _forget_access_on_permission_changes()


def _forget_access_on_permission_changes() -> None:
    """The access cache holds each user's permissions (core/access_cache.py): any change to a user's
    groups or own permissions, to a group's permissions, or a group or permission deleted (whose rows
    go without an m2m signal) starts it afresh."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete

    from core.access_cache import access_changed

    user = get_user_model()
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            access_changed, sender=through, dispatch_uid=f"accounts.access.{through.__name__}"
        )
    for model in (Group, Permission):
        post_delete.connect(access_changed, sender=model, dispatch_uid=f"accounts.access.{model.__name__}")
