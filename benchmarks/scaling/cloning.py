"""One INSERT ... SELECT per table copies the template rows of each kind onto every generated persona of
that kind, column by column:

- the persona's key (or the parent row's key, for rows hanging on rows) points at the new persona's row;
- moments keep their distance from the persona's creation (an answer 3 s after it, a score 5 s later);
- user keys that were the template's owner become the new persona's owner (other users, such as the
  reviewer who scored, stay);
- keys of another of the persona's own rows (a content item's answer) point at the new persona's row
  matching the template's (its answer to the same prompt);
- columns the database computes (generated fields) are left to it;
- a history version takes the new persona's values, except where the template's version differed from
  the template itself (the fork's first version was private before it was published);
- everything else is copied as the services stored it.
"""

from django.db import connection, models

from benchmarks.scaling.relations import Relation, is_moment, is_user_key, own_row_relation
from benchmarks.scaling.templates import snapshot_table
from persona.models import Persona


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _persona_columns() -> set[str]:
    return {field.column for field in Persona._meta.concrete_fields}


def _expression(relation: Relation, field: models.Field) -> str:
    column = _q(field.column)
    if field is relation.field:
        return "p.id" if relation.parent is None else "np.id"
    if is_moment(field):
        return f"p.created_at + (t.{column} - tp.created_at)"
    if relation.is_history and field.column in _persona_columns():
        return f"CASE WHEN t.{column} IS NOT DISTINCT FROM tp.{column} THEN p.{column} ELSE t.{column} END"
    if is_user_key(field):
        return f"CASE WHEN t.{column} = tp.owner_id THEN p.owner_id ELSE t.{column} END"
    if own := own_row_relation(field):
        return _own_row_key(own, column)
    return f"t.{column}"


def _own_row_key(own: Relation, column: str) -> str:
    """The new persona's row matching the template's row that the key points at."""
    same = "".join(f" AND n.{_q(f.column)} = s.{_q(f.column)}" for f in _matching_fields(own))
    return (
        f"(SELECT n.id FROM {_q(own.model._meta.db_table)} n JOIN {snapshot_table(own.model)} s "
        f"ON s.id = t.{column} WHERE n.{_q(own.field.column)} = p.id{same})"
    )


def _matching_fields(parent: Relation) -> list[models.Field]:
    """The parent's fields that, with the persona, identify one of its rows (an answer: its prompt)."""
    for constraint in parent.model._meta.constraints:
        names = getattr(constraint, "fields", ())
        unconditional = isinstance(constraint, models.UniqueConstraint) and constraint.condition is None
        if unconditional and parent.field.name in names:
            return [parent.model._meta.get_field(name) for name in names if name != parent.field.name]
    raise NotImplementedError(f"rows of {parent.label} cannot be matched to copy the rows hanging on them")


def _joins(relation: Relation) -> str:
    if relation.parent is None:
        return f"JOIN {snapshot_table(relation.model)} t ON t.{_q(relation.field.column)} = tp.id"
    parent = relation.parent
    same = " ".join(
        f"AND np.{_q(field.column)} = tpar.{_q(field.column)}" for field in _matching_fields(parent)
    )
    return (
        f"JOIN {snapshot_table(parent.model)} tpar ON tpar.{_q(parent.field.column)} = tp.id "
        f"JOIN {snapshot_table(relation.model)} t ON t.{_q(relation.field.column)} = tpar.id "
        f"JOIN {_q(parent.model._meta.db_table)} np ON np.{_q(parent.field.column)} = p.id {same}"
    )


def clone_sql(relation: Relation, *, template_of: str) -> str:
    """INSERT the relation's rows for personas with ids from %(first)s to %(last)s; `template_of` is an
    SQL expression of `p` giving the persona's template id."""
    fields = [f for f in relation.model._meta.concrete_fields if not (f.primary_key or f.generated)]
    columns = ", ".join(_q(field.column) for field in fields)
    values = ", ".join(_expression(relation, field) for field in fields)
    return (
        f"INSERT INTO {_q(relation.model._meta.db_table)} ({columns}) SELECT {values} "
        f"FROM persona_persona p JOIN {snapshot_table(Persona)} tp ON tp.id = ({template_of}) "
        f"{_joins(relation)} WHERE p.id BETWEEN %(first)s AND %(last)s"
    )
