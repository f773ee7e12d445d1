"""Who may do what with prompts, answers and scores."""

from persona import rules as persona_rules

MANAGE_PROMPTS = "prompts.change_prompt"
SCORE = "prompts.add_skillscore"  # held by the "reviewers" and "moderators" groups


def can_manage_prompts(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE_PROMPTS)


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.has_perm(SCORE)


def has_stake_in(user, persona) -> bool:
    """Owner or someone the persona is shared with for editing (object permission). Moderators' global
    permission does not count, so they may still score personas they do not own."""
    if persona.is_owned_by(user):
        return True
    return not user.is_superuser and user.has_perm(persona_rules.CHANGE, persona)


def can_answer_for(user, persona) -> bool:
    return persona_rules.can_view(user, persona) and persona_rules.can_edit(user, persona)


def can_score(user, persona) -> bool:
    return is_reviewer(user) and persona_rules.can_view(user, persona) and not has_stake_in(user, persona)
