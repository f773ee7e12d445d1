"""Every table holding rows of a persona, found from the models rather than listed, so that a table a new
feature adds (or a signal handler that starts writing one) is copied by the builder and compared by the
check without anyone touching the benchmark.

A persona's rows are: those with a foreign key to it (hidden ones too, such as history tables of its
children), its own history versions (keyed by the persona's `id`, not a foreign key), and one level
further, rows hanging on those (an answer's skill scores). A row may also point at another of the
persona's own rows (a content item at its answer).
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import models

from persona.models import Persona


@dataclass(frozen=True)
class Relation:
    model: type[models.Model]
    field: models.Field  # the column holding the persona's id, or the parent row's id
    parent: "Relation | None" = None

    @property
    def label(self) -> str:
        via = f" via {self.parent.label}" if self.parent else ""
        return f"{self.model._meta.label}.{self.field.name}{via}"

    @property
    def is_history(self) -> bool:
        return self.parent is None and not self.field.is_relation

    def lookup(self) -> str:
        """The ORM path from this relation's rows to the persona's id."""
        if self.parent is None:
            return self.field.attname
        return f"{self.field.name}__{self.parent.lookup()}"


def history_model() -> type[models.Model]:
    return Persona.history.model


def _foreign_keys_to(target) -> list[tuple[type[models.Model], models.Field]]:
    return [
        (model, field)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if field.is_relation and field.many_to_one and field.related_model is target
    ]


def persona_relations() -> list[Relation]:
    """Direct relations first (with the persona's history), then rows hanging on their rows."""
    lineage = {Persona, history_model()}  # forked_from columns point at the parent, not at own rows
    direct = [Relation(model, field) for model, field in _foreign_keys_to(Persona) if model not in lineage]
    history = Relation(history_model(), history_model()._meta.get_field("id"))
    nested = [
        Relation(model, field, parent) for parent in direct for model, field in _foreign_keys_to(parent.model)
    ]
    return [*direct, history, *nested]


@cache
def _own_rows_by_model() -> dict[type[models.Model], Relation]:
    return {relation.model: relation for relation in persona_relations() if relation.parent is None}


def own_row_relation(field: models.Field) -> Relation | None:
    """The persona's own rows that `field` points at (a content item's answer), or None."""
    if not field.is_relation or field.related_model is Persona:
        return None
    return _own_rows_by_model().get(field.related_model)


def is_user_key(field: models.Field) -> bool:
    return field.is_relation and field.related_model._meta.label == settings.AUTH_USER_MODEL


def is_moment(field: models.Field) -> bool:
    return isinstance(field, models.DateField)
