"""What the API shows about each persona depends on who asks; compute it in the same query as the list."""

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from persona.models import Persona
from persona.selectors import persona_editable_by, persona_list_visible_to, persona_readable_queryset


def with_viewer_fields(queryset: QuerySet[Persona], *, user) -> QuerySet[Persona]:
    """Annotate `forks_count` (forks the user may see), `parent_visible` and `viewer_can_edit`."""
    visible_forks = (
        persona_list_visible_to(user=user)
        .filter(forked_from=OuterRef("pk"))
        .order_by()
        .values("forked_from")
        .annotate(total=Count("pk"))
        .values("total")
    )
    visible_parent = persona_readable_queryset(user=user).filter(pk=OuterRef("forked_from_id"))
    return queryset.annotate(
        forks_count=Coalesce(Subquery(visible_forks), 0),
        parent_visible=Exists(visible_parent),
        viewer_can_edit=_can_edit_expression(user),
    ).prefetch_related("prompts")


def _can_edit_expression(user):
    """The same answer as `rules.can_edit`, for every row at once."""
    if not user.is_authenticated:
        return Value(False, output_field=BooleanField())
    return ExpressionWrapper(persona_editable_by(user=user), output_field=BooleanField())
