"""Does the builder store what the services store? A persona's fingerprint is its row and every row of it
in every table (see relations.py), without what legitimately differs (ids, the varied texts, and of
moments all but whether they are set); a generated persona must have the fingerprint of the template of
its kind, and a plain one that of a persona made by `persona_create` right now. Names, keys and slugs of
generated personas must be what core.names and the slug rule give."""

import json
import re
import uuid

from django.db import connection, transaction
from django.utils.text import slugify

from benchmarks.scaling import personas
from benchmarks.scaling.relations import Relation, is_moment, is_user_key, own_row_relation, persona_relations
from core import names
from core.slugs import SLUG_ALPHABET, SLUG_SUFFIX_LENGTH
from persona.models import Persona, Visibility
from persona.services import persona_create

KEY_SAMPLE = 2_000


class BuildMismatch(Exception):
    """The generated rows differ from what the services store."""


def _value(field, row, owner_id: int, persona_id: int):
    value = getattr(row, field.attname)
    if is_moment(field):
        return None if value is None else "<moment>"
    if is_user_key(field) and value == owner_id:
        return "<owner>"
    if field.is_relation and field.related_model is Persona:
        return None if value is None else ("<itself>" if value == persona_id else "<another persona>")
    if (own := own_row_relation(field)) and value is not None:
        owned = own.model._base_manager.filter(pk=value, **{own.field.attname: persona_id}).exists()
        return "<its own row>" if owned else "<another persona's row>"
    return json.dumps(value, sort_keys=True, default=str)


def _row(row, *, owner_id: int, persona_id: int, skip: set) -> tuple:
    return tuple(
        (field.name, _value(field, row, owner_id, persona_id))
        for field in row._meta.concrete_fields
        if not (field.primary_key or field.name in personas.VARIED or field in skip)
    )


def _rows_of(relation: Relation, persona: Persona) -> list[tuple]:
    rows = relation.model._base_manager.filter(**{relation.lookup(): persona.pk})
    skip = {relation.field} | ({relation.parent.field} if relation.parent else set())
    found = [_row(row, owner_id=persona.owner_id, persona_id=persona.pk, skip=skip) for row in rows]
    return sorted(found)


def fingerprint(persona_id: int) -> dict[str, list]:
    persona = Persona._base_manager.get(pk=persona_id)
    prints = {"persona": [_row(persona, owner_id=persona.owner_id, persona_id=persona.pk, skip=set())]}
    prints.update({relation.label: _rows_of(relation, persona) for relation in persona_relations()})
    return prints


def fingerprints_compare(expected: dict, actual: dict, *, what: str) -> None:
    differences = [
        f"  {label}:\n    services: {expected.get(label)}\n    builder:  {actual.get(label)}"
        for label in sorted(set(expected) | set(actual))
        if expected.get(label) != actual.get(label)
    ]
    if differences:
        heading = f"{what}: the builder stores other rows than the services"
        raise BuildMismatch("\n".join([heading, *differences]))


def service_persona_compare(*, generated_id: int, owner) -> None:
    """Create a persona through `persona_create` (rolled back) and compare it with a generated one."""
    with transaction.atomic():
        made = persona_create(
            owner=owner,
            name=f"Benchmark check {uuid.uuid4().hex[:8]}",
            description="Made by the service, to compare with generated personas.",
            visibility=Visibility.PUBLIC,
        )
        expected = fingerprint(made.pk)
        transaction.set_rollback(True)
    fingerprints_compare(expected, fingerprint(generated_id), what="persona_create vs a generated persona")


SLUG_SUFFIX = re.compile(rf"-[{SLUG_ALPHABET}]{{{SLUG_SUFFIX_LENGTH}}}$")


def keys_check(*, first: int, last: int) -> int:
    """Names, keys and slugs of a random sample of generated personas, forks included; returns how many
    were checked."""
    generated = Persona._base_manager.filter(pk__range=(first, last)).order_by("?")
    columns = ("name", "name_key", "name_shape_key", "slug")
    sample = [
        *generated.values_list(*columns)[:KEY_SAMPLE],
        *generated.filter(forked_from__isnull=False).values_list(*columns)[: KEY_SAMPLE // 10],
    ]
    for name, key, shape_key, slug in sample:
        names.validate_name_characters(name)
        expected = (names.name_normalize(name), names.name_key(name), names.name_shape_key(name))
        if (name, key, shape_key) != expected or not _slug_fits(slug, name):
            raise BuildMismatch(f"{name!r}: keys {key!r}, {shape_key!r}, slug {slug!r}; expected {expected}")
    return len(sample)


def _slug_fits(slug: str, name: str) -> bool:
    """The slug rule of persona.services.common.unique_slug: the name's slug, a dash, a random suffix."""
    suffix = SLUG_SUFFIX.search(slug)
    base = (slugify(name) or "persona")[: 120 - SLUG_SUFFIX_LENGTH - 1]
    return suffix is not None and slug[: suffix.start()] == base


def count_matching(word: str) -> int:
    """Live personas a search for `word` matches (the same filter the list's search uses)."""
    return Persona.objects.search(word).count()


def database_size() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]
