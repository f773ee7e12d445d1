"""Template personas: one per kind of generated persona, made through the services exactly as people make
them (created; answered; answered and scored by a reviewer; forked, then published). The builder copies
each template's rows onto every generated persona of its kind (see cloning.py), then deletes the
templates. Templates have no conversation starters (PersonaPrompt), so neither do generated personas.

Which kind a generated persona is follows from its position i (1..N) alone, in SQL (`kind_case`):
every 25th persona after a parent is its fork, and a few in a hundred have answered a prompt.
"""

from dataclasses import dataclass

from django.db import connection

from benchmarks.scaling.relations import history_model, persona_relations
from persona.models import Persona, Visibility
from persona.services import persona_create, persona_fork, persona_update
from prompts.services import answer_create, skill_scores_record

FORK_DISTANCE = 25  # a fork is the persona 25 positions after its parent
ANSWER_TEXT = "Here is how I would approach it, step by step, with an example at the end."


@dataclass(frozen=True)
class Kind:
    name: str
    residues: tuple[int, ...]  # of i modulo 100
    first: int = 1  # the smallest position of this kind
    room: int = 0  # positions needed after it (a parent's fork must exist)


KINDS = [
    Kind("fork", (25, 75), first=2 * FORK_DISTANCE + 1),
    Kind("parent", (0, 50), first=FORK_DISTANCE + 1, room=FORK_DISTANCE),
    Kind("answered", (10, 11, 12)),
    Kind("scored-1", (13, 14)),
    Kind("scored-2", (15, 16)),
    Kind("scored-3", (17, 18)),
]
PLAIN = "plain"
SCORED_PUBLIC_RESIDUE = 13  # a scored persona, for the runner's anonymous detail requests


def kind_case(position: str, *, personas: int, templates: dict[str, int]) -> str:
    """SQL: the template persona id for the generated persona at `position` (an SQL expression)."""
    whens = [
        f"WHEN mod({position}, 100) IN ({', '.join(map(str, kind.residues))}) AND {position} >= {kind.first}"
        f" AND {position} + {kind.room} <= {personas} THEN {int(templates[kind.name])}"
        for kind in KINDS
    ]
    return f"CASE {' '.join(whens)} ELSE {int(templates[PLAIN])} END"


def _template_persona(owner, kind: str) -> Persona:
    return persona_create(
        owner=owner,
        name=f"Benchmark template {kind}",
        description=f"The template of {kind} personas.",
        visibility=Visibility.PUBLIC,
    )


def _answered(owner, kind: str, prompt):
    persona = _template_persona(owner, kind)
    return answer_create(persona=persona, prompt=prompt, actor=owner, text=ANSWER_TEXT)


def _scored(owner, kind: str, prompt, reviewer) -> Persona:
    answer = _answered(owner, kind, prompt)
    skills = prompt.prompt_skills.order_by("skill_id").values_list("skill_id", flat=True)
    scores = {skill_id: 5 + (n * 2) % 5 for n, skill_id in enumerate(skills)}
    skill_scores_record(answer=answer, scorer=reviewer, scores=scores)
    return answer.persona


def templates_create(*, owner, forker, reviewer, prompts) -> dict[str, int]:
    """Kind name -> template persona id, each made through the services."""
    parent = _template_persona(owner, "parent")
    fork = persona_fork(persona=parent, actor=forker)
    fork = persona_update(persona=fork, actor=forker, visibility=Visibility.PUBLIC)
    made = {
        PLAIN: _template_persona(owner, PLAIN),
        "answered": _answered(owner, "answered", prompts[0]).persona,
        "parent": parent,
        "fork": fork,
        **{f"scored-{n}": _scored(owner, f"scored-{n}", prompts[n], reviewer) for n in (1, 2, 3)},
    }
    return {kind: persona.pk for kind, persona in made.items()}


def snapshot_table(model) -> str:
    return f"bench_tpl_{model._meta.db_table}"


def templates_snapshot(template_ids: list[int]) -> list:
    """Copy the templates and their rows into temporary tables; returns the relations holding rows."""
    held = []
    with connection.cursor() as cursor:
        _copy(cursor, Persona._base_manager.filter(pk__in=template_ids))
        for relation in persona_relations():
            rows = relation.model._base_manager.filter(**{f"{relation.lookup()}__in": template_ids})
            if rows.exists():
                _copy(cursor, rows)
                held.append(relation)
    return held


def _copy(cursor, rows) -> None:
    sql, params = rows.order_by().query.sql_with_params()
    table = snapshot_table(rows.model)
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"CREATE TEMPORARY TABLE {table} AS {sql}", params)


def templates_delete(template_ids: list[int]) -> None:
    """Remove the templates and their rows (their history too, including the deletion's own versions)."""
    Persona._base_manager.filter(pk__in=template_ids).delete()
    history_model().objects.filter(id__in=template_ids).delete()
