"""What the API shows about each persona depends on who asks (forks they may see, whether they may see
the parent, whether they may edit). It is computed for a whole page at once after pagination, in a
fixed number of indexed queries, never a correlated subquery per row."""

from django.db.models import QuerySet
from django.db.models.functions import Lower

from persona import rules
from persona.cards import persona_tag_names
from persona.models import Persona
from persona.selectors import (
    persona_fork_counts_visible_to,
    persona_list_visible_to,
    persona_readable_queryset,
)

NEWEST_FIRST = ("-created_at", "-id")


def personas_for_output(*, user, listed: bool) -> QuerySet[Persona]:
    """Personas the user may list (`listed`) or open by id, newest first, with what the output reads."""
    select = persona_list_visible_to if listed else persona_readable_queryset
    return (
        select(user=user)
        .annotate(name_lower=Lower("name"))
        .prefetch_related("prompts")
        .order_by(*NEWEST_FIRST)
    )


def attach_viewer_fields(personas: list[Persona], *, user) -> list[Persona]:
    """Set `forks_count`, `parent_visible` and `viewer_sees_definitions` (rules.can_view_definitions)
    on each persona, as `user` sees it, and `tag_names` (one query for the page: taggit's prefetch
    composes a query per persona)."""
    ids = [persona.pk for persona in personas]
    if not ids:
        return personas
    forks = persona_fork_counts_visible_to(user=user, persona_ids=ids)
    parents = _visible_parents({p.forked_from_id for p in personas if p.forked_from_id}, user)
    tags = persona_tag_names(ids)
    for persona in personas:
        persona.tag_names = tags.get(persona.pk, [])
        persona.forks_count = forks.get(persona.pk, 0)
        persona.parent_visible = persona.forked_from_id in parents
        # From what the request already knows (owner, shares, permissions): no query.
        persona.viewer_sees_definitions = rules.can_view_definitions(user, persona)
    return personas


def _visible_parents(parent_ids: set[int], user) -> set[int]:
    if not parent_ids:
        return set()
    return set(persona_readable_queryset(user=user).filter(pk__in=parent_ids).values_list("pk", flat=True))
