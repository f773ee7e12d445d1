"""Who may open proposals and cast a persona's vote."""

from persona import rules as persona_rules
from persona.models import Persona

OPEN_PROPOSALS = "metrics.add_proposal"  # held by the "moderators" group (metrics.reference_data)


def can_open_proposals(user) -> bool:
    return user.is_authenticated and user.has_perm(OPEN_PROPOSALS)


def can_vote_for(user, persona: Persona) -> bool:
    """A vote speaks for the persona's owner: neither editors it is shared with nor moderators cast it."""
    return persona_rules.is_owner(user, persona)
