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


def definitions_open_to_all(persona) -> bool:
    """Whether everyone who may open the persona (or who could open this historical version of it) reads
    its definitions (models.DEFINITION_FIELDS): public and unlisted personas whose owner has not hidden
    them. A private persona's definitions are for its editors: a "use" share does not show them."""
    return persona.visibility != Visibility.PRIVATE and not persona.definitions_hidden


def can_view_definitions(user, persona: Persona) -> bool:
    """The system prompt, scenario and example dialogue, on pages, in the API, history and forks:
    editors (and moderators) always, others when they are open to all. Chat, which uses them for
    everyone, reads them through selectors.persona_definitions_for_chat."""
    return definitions_open_to_all(persona) or can_edit(user, persona)


def can_view_definitions_in(user, persona: Persona, versions) -> bool:
    """The definitions as earlier versions (historical records) held them: editors read them all; others
    only when they are open to all now and were in each of those versions, so what was written while
    hidden (or while the persona was private) stays hidden after the owner shows the definitions."""
    if can_edit(user, persona):
        return True
    return definitions_open_to_all(persona) and all(definitions_open_to_all(v) for v in versions)


def can_fork(user, persona: Persona) -> bool:
    return user.is_authenticated and can_view(user, persona)
