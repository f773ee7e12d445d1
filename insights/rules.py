"""Who may do what with a persona's insights, in terms of persona.rules."""

from persona import rules as persona_rules


def can_view_insights(user, persona) -> bool:
    """Research profile and needs: whoever may open the persona."""
    return persona_rules.can_view(user, persona)


def can_edit_insights(user, persona) -> bool:
    """Edit the profile and needs, generate needs: the persona's editors (and moderators)."""
    return persona_rules.can_edit(user, persona) and not persona.is_deleted


def can_view_audit_log(user, persona) -> bool:
    """The audit timeline: the owner and moderators."""
    return persona_rules.can_manage(user, persona)
