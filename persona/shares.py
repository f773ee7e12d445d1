"""Which personas are shared with a user, and with which right: read once per request (per user
object) from the share rows, by an index on (user, permission), for both the rules (may this user see
or edit this persona) and the selectors (which personas may this user list). Rows exist only for shares;
ownership grants the owner's rights by itself."""

from core.access_cache import access_changed, access_fact
from persona.models import PersonaGroupObjectPermission, PersonaUserObjectPermission

SHARED_RIGHTS = ("view_persona", "change_persona")  # what "use" and "edit" shares grant


def persona_ids_shared_with(*, user, permission: str = "persona.view_persona") -> list[int]:
    """Ids of the personas shared with the user (or one of their groups) with `permission`
    ("persona.view_persona" or "persona.change_persona"), kept on the user object until a share
    changes in this process (and in the access cache until one changes anywhere)."""
    if not user.is_authenticated:
        return []
    known = getattr(user, "_persona_shares", None)
    if known is None or known[0] != _share_generation[0]:
        known = (_share_generation[0], access_fact(user, "persona-shares", lambda: _shares_by_codename(user)))
        user._persona_shares = known
    return known[1].get(permission.split(".")[-1], [])


def persona_is_shared_with(*, user, permission: str, persona) -> bool:
    return persona.pk in persona_ids_shared_with(user=user, permission=permission)


# Bumped by every share row written or deleted, so no user object keeps an outdated answer after one.
_share_generation = [0]


def persona_shares_changed(**_signal_arguments) -> None:
    """A share row was written or deleted (connected to both share tables' post_save and post_delete,
    so cascades and the admin count too)."""
    _share_generation[0] += 1
    access_changed()


def _shares_by_codename(user) -> dict[str, list[int]]:
    own_rows = PersonaUserObjectPermission.objects.filter(user=user, permission__codename__in=SHARED_RIGHTS)
    group_rows = PersonaGroupObjectPermission.objects.filter(
        group__user=user, permission__codename__in=SHARED_RIGHTS
    )
    rows = own_rows.values_list("content_object_id", "permission__codename").union(
        group_rows.values_list("content_object_id", "permission__codename")
    )
    shares: dict[str, list[int]] = {}
    for persona_id, codename in rows:
        shares.setdefault(codename, []).append(persona_id)
    return shares
