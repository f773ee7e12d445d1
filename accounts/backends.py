"""Django's model backend, reading a user's permissions (their own and their groups') in one query
instead of two, and that only when the access cache (core/access_cache.py) does not hold them: every
signed-in request asks "may this user ..." ."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

from core.access_cache import access_fact


class ModelBackendOneQuery(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = access_fact(user_obj, "permissions", lambda: _permissions_of(user_obj))
        return user_obj._perm_cache


def _permissions_of(user) -> set[str]:
    granted = Permission.objects.all()
    if not user.is_superuser:
        granted = granted.filter(Q(user=user) | Q(group__user=user))
    rows = granted.values_list("content_type__app_label", "codename").order_by().distinct()
    return {f"{app_label}.{codename}" for app_label, codename in rows}
