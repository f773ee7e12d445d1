"""Who may do what with prompts, answers and scores."""

from persona import rules as persona_rules

MANAGE_PROMPTS = "prompts.change_prompt"
SCORE = "prompts.add_skillscore"  # held by the "reviewers" and "moderators" groups


def can_manage_prompts(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE_PROMPTS)


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.has_perm(SCORE)


def can_answer_for(user, persona) -> bool:
    """Answering speaks for the persona: only those with a stake in it (the answer form offers the same)."""
    return persona_rules.can_view(user, persona) and persona_rules.has_stake_in(user, persona)


def can_score(user, answer) -> bool:
    """Reviewers score answers they may see: never one they wrote, never one of a persona they own or
    may edit (whoever answers or edits a persona must not raise its levels)."""
    persona = answer.persona
    return (
        is_reviewer(user)
        and answer.author_id != user.pk
        and persona_rules.can_view(user, persona)
        and not persona_rules.has_stake_in(user, persona)
    )
