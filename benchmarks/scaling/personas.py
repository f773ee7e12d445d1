"""The persona rows themselves, in one INSERT ... SELECT over generate_series(1, N).

Position i gets id base + i, an owner (the benchmark's user owns every (N/100)-th persona, 100 in all;
the others belong to 997 users), a creation moment rising with i over three years, a name from the
vocabulary (a fork takes its parent's name with " (fork)", and its description), keys and slug built from
the words' precomputed keys and slugs, random traits and popularity, and a random 6-character slug
suffix. Every other column is copied from the persona's template, as the services stored it.
"""

from math import gcd

from django.db import connection

from benchmarks.scaling import vocabulary
from benchmarks.scaling.templates import FORK_DISTANCE, snapshot_table
from core.slugs import SLUG_ALPHABET, SLUG_SUFFIX_LENGTH
from persona.models import Persona

BENCH_USER_PERSONAS = 100
OWNER_USERS_FIRST, OWNER_USERS = 3, 997  # users 0-2 (the benchmark's user, reviewer, moderator) aside
YEARS = 3
# Chosen for each persona here (the check ignores them), and the columns derived from the position.
VARIED = {
    "id",
    "name",
    "name_key",
    "name_shape_key",
    "slug",
    "description",
    "system_prompt",
    "personality_traits",
    "popularity_score",
    "search_vector",  # the database's trigger makes it from the generated name, description and owner
}
GENERATED = VARIED | {"owner_id", "forked_from_id", "created_at", "updated_at"}


def vocabulary_load() -> None:
    """The words as a temporary table: (kind, idx) -> text, keys and slug."""
    rows = [
        (kind, idx, word.text, word.key, word.shape_key, word.slug)
        for kind, words in vocabulary.name_words().items()
        for idx, word in enumerate(words)
    ]
    rows += [
        (kind, idx, text, "", "", "")
        for kind, texts in vocabulary.description_pieces().items()
        for idx, text in enumerate(texts)
    ]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_word")
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_word (kind text, idx integer, text text, key text, "
            "shape_key text, slug text, PRIMARY KEY (kind, idx))"
        )
        cursor.executemany("INSERT INTO bench_word VALUES (%s, %s, %s, %s, %s, %s)", rows)


def _scramble(combinations: int) -> int:
    """A multiplier coprime with the number of names: i -> i * m mod combinations is a permutation, so
    names are distinct and alphabetical order has nothing to do with creation order."""
    multiplier = 7_919
    while gcd(multiplier, combinations) != 1:
        multiplier += 2
    return multiplier


def _word(alias: str, kind: str, index: str) -> str:
    return f"JOIN bench_word {alias} ON {alias}.kind = '{kind}' AND {alias}.idx = {index}"


def _name_parts() -> dict[str, str]:
    """SQL for the name, its keys and its slug base, from the joined words and separators."""
    parts = {}
    for column in ("text", "key", "shape_key", "slug"):
        the, space, fork = (f"%(sep_{name}_{column})s" for name in ("the", "space", "fork"))
        joined = f"gw.{column} || {the} || tw.{column} || {space} || rw.{column}"
        parts[column] = f"{joined} || CASE WHEN s.is_fork THEN {fork} ELSE '' END"
    return parts


def _description() -> str:
    rare = f"CASE WHEN mod(s.src, %(rare_step)s) = 7 THEN ' and {vocabulary.RARE_WORD}s' ELSE '' END"
    return (
        "gw.text || CASE WHEN left(tw.text, 1) IN ('A', 'E', 'I', 'O', 'U') THEN ' is an ' ELSE ' is a ' END "
        "|| lower(tw.text) || ' ' || lower(rw.text) || ' who ' || ph.text || "
        f"'. Ask about ' || top.text || {rare} || ', ' || h1.text || ' or ' || h2.text || '. ' || cl.text"
    )


def _suffix() -> str:
    pick = f"substr('{SLUG_ALPHABET}', 1 + floor(random() * {len(SLUG_ALPHABET)})::integer, 1)"
    return " || ".join([pick] * SLUG_SUFFIX_LENGTH)


def _columns_sql(copied: list[str]) -> tuple[str, str]:
    name = _name_parts()
    values = {
        "id": "%(base)s + s.i",
        "owner_id": "%(user_base)s + s.owner",
        "name": "n.name",
        "name_key": name["key"],
        "name_shape_key": name["shape_key"],
        "slug": f"{name['slug']} || '-' || {_suffix()}",
        "description": _description(),
        "system_prompt": "replace(%(system_prompt)s, '{name}', n.name)",
        "personality_traits": "jsonb_build_object('curiosity', round(random()::numeric, 2), "
        "'warmth', round(random()::numeric, 2), 'humour', round(random()::numeric, 2))",
        "popularity_score": "round((-ln(1 - random()) * 10)::numeric, 2)",
        "forked_from_id": f"CASE WHEN s.is_fork THEN %(base)s + s.i - {FORK_DISTANCE} END",
        "created_at": "s.created_at",
        "updated_at": "s.created_at + (tp.updated_at - tp.created_at)",
        **{column: f"tp.{column}" for column in copied},
    }
    return ", ".join(values), ", ".join(values.values())


def persona_insert_sql(template_of: str) -> str:
    """`template_of`: SQL giving the template id for position `g.i`."""
    copied = [f.column for f in Persona._meta.concrete_fields if f.column not in GENERATED]
    columns, values = _columns_sql(copied)
    owner = (
        f"CASE WHEN mod(g.i, %(step)s) = 0 AND g.i <= %(step)s * {BENCH_USER_PERSONAS} THEN 0 "
        f"ELSE {OWNER_USERS_FIRST} + mod(g.i::bigint * 7919, {OWNER_USERS}) END"
    )
    return f"""
        INSERT INTO persona_persona ({columns})
        SELECT {values}
        FROM generate_series(1, %(personas)s) AS g(i)
        CROSS JOIN LATERAL (SELECT ({template_of}) AS template_id) k
        CROSS JOIN LATERAL (
            SELECT g.i, k.template_id = %(fork_template)s AS is_fork, {owner} AS owner,
                   %(start)s::timestamptz + (g.i - 1 + random()) * %(slot)s * interval '1 second'
                   AS created_at
        ) s0
        CROSS JOIN LATERAL (
            SELECT s0.*, CASE WHEN s0.is_fork THEN g.i - {FORK_DISTANCE} ELSE g.i END AS src
        ) s
        CROSS JOIN LATERAL (SELECT mod(s.src::bigint * %(scramble)s, %(combinations)s) AS combo) c
        JOIN {snapshot_table(Persona)} tp ON tp.id = k.template_id
        {_word("gw", "given", "mod(c.combo, %(given)s)")}
        {_word("tw", "title", "mod(c.combo / %(given)s, %(titles)s)")}
        {_word("rw", "role", "c.combo / (%(given)s * %(titles)s)")}
        {_word("ph", "phrase", "mod(s.src, %(phrases)s)")}
        {_word("top", "topic", "mod(s.src / 3, %(topics)s)")}
        {_word("h1", "hobby", "mod(s.src / 11, %(hobbies)s)")}
        {_word("h2", "hobby", "mod(s.src / 11 + 1 + mod(s.src, %(hobbies)s - 1), %(hobbies)s)")}
        {_word("cl", "closing", "mod(s.src / 5, %(closings)s)")}
        CROSS JOIN LATERAL (SELECT {_name_parts()["text"]} AS name) n
    """


def persona_insert_params(*, personas: int, base: int, user_base: int, start, fork_template: int) -> dict:
    words, pieces = vocabulary.name_words(), vocabulary.description_pieces()
    combinations = vocabulary.name_combinations()
    if personas > combinations:
        raise ValueError(f"the vocabulary makes {combinations} names; {personas} personas need more words")
    separators = {
        f"sep_{name}_{column}": getattr(word, column)
        for name, word in vocabulary.separators().items()
        for column in ("text", "key", "shape_key", "slug")
    }
    return {
        **separators,
        "personas": personas,
        "base": base,
        "user_base": user_base,
        "start": start,
        "slot": YEARS * 365 * 86400 / personas,
        "step": personas // BENCH_USER_PERSONAS,
        "fork_template": fork_template,
        "scramble": _scramble(combinations),
        "combinations": combinations,
        "given": len(words["given"]),
        "titles": len(words["title"]),
        "rare_step": max(personas // vocabulary.RARE_ROWS, 8),
        "system_prompt": vocabulary.SYSTEM_PROMPT,
        **{kind: len(pieces[key]) for kind, key in _PIECE_COUNTS.items()},
    }


_PIECE_COUNTS = {"phrases": "phrase", "topics": "topic", "hobbies": "hobby", "closings": "closing"}
