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


def can_read_score_comments(user, answer) -> bool:
    """Why a reviewer scored as they did is feedback for those who speak for the persona (its owner and
    editors) and for moderators; each reviewer also reads their own (the answer page shows only those)."""
    return persona_rules.has_stake_in(user, answer.persona) or can_manage_prompts(user)


def who_reviews(persona) -> str:
    """Who will see and score the persona's answers, in plain words (reviewers see what they may open)."""
    from persona.models import Visibility

    if persona.visibility == Visibility.PRIVATE:
        return (
            "This persona is private, so only moderators can see and score its answers. Make it public or "
            "unlisted to have every reviewer see them."
        )
    return "Reviewers and moderators score it; nobody scores answers of their own personas."
