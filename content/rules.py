"""Who may do what with content. Seeing an item is seeing its persona (content.selectors); adding and
deleting it follow who may change the persona; comments are hidden by the persona's owner and by
moderators (the "moderators" group holds the permissions globally, content.reference_data)."""

from persona import rules as persona_rules

HIDE_COMMENTS = "content.change_contentcomment"
DELETE_CONTENT = "content.delete_contentitem"


def can_add_content(user, persona) -> bool:
    return persona_rules.can_view(user, persona) and persona_rules.can_edit(user, persona)


def can_delete(user, item) -> bool:
    return persona_rules.can_edit(user, item.persona) or (
        user.is_authenticated and user.has_perm(DELETE_CONTENT)
    )


def can_react(user, item) -> bool:
    """Like, comment on and make a share link of an item: anyone signed in who may see it."""
    return user.is_authenticated and persona_rules.can_view(user, item.persona)


def can_hide_comments(user, item) -> bool:
    return persona_rules.is_owner(user, item.persona) or (
        user.is_authenticated and user.has_perm(HIDE_COMMENTS)
    )
