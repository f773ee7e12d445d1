"""Who may do what with a persona. The owner may do everything; shares grant "use" (view) or "edit"
(view and change) as django-guardian rows, read through persona.shares; moderators hold the
permissions globally (the "moderators" group)."""

from persona.models import Persona, Visibility
from persona.shares import persona_is_shared_with

VIEW, CHANGE, DELETE = "persona.view_persona", "persona.change_persona", "persona.delete_persona"


def _has(user, perm: str, persona: Persona) -> bool:
    return user.is_authenticated and (
        user.has_perm(perm) or persona_is_shared_with(user=user, permission=perm, persona=persona)
    )


def is_owner(user, persona: Persona) -> bool:
    return persona.is_owned_by(user)


def can_view(user, persona: Persona) -> bool:
    if persona.is_deleted:
        return False
    return persona.visibility != Visibility.PRIVATE or is_owner(user, persona) or _has(user, VIEW, persona)


def can_edit(user, persona: Persona) -> bool:
    return is_owner(user, persona) or _has(user, CHANGE, persona)


def has_stake_in(user, persona: Persona) -> bool:
    """The owner, or someone it is shared with for editing (an object permission). Moderators' global
    permission and superusers' blanket rights are no stake: they review personas, they don't speak for
    them."""
    return is_owner(user, persona) or persona_is_shared_with(user=user, permission=CHANGE, persona=persona)


def can_manage(user, persona: Persona) -> bool:
    """Archive, restore, delete, change visibility: the owner, or a moderator."""
    return is_owner(user, persona) or (user.is_authenticated and user.has_perm(DELETE))


def can_share(user, persona: Persona) -> bool:
    return is_owner(user, persona)


def can_view_system_prompt(user, persona: Persona) -> bool:
    """Shared "use" access to a private persona hides its system prompt; listed personas show it."""
    return persona.visibility != Visibility.PRIVATE or can_edit(user, persona)


def can_fork(user, persona: Persona) -> bool:
    return user.is_authenticated and can_view(user, persona)
