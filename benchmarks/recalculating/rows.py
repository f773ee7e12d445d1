"""The SQL that stores every generated persona's rows, one INSERT ... SELECT per table over the persona ids
%(first)s..%(last)s. Chance is a hash of the row's ids (`uniform`), so every build of N personas holds the
same data and each statement can recompute what another one chose (a persona's strength sets both its
skill levels and its scores).

Per persona (of id i):
- public, active, owned by one of the owner users, created over the year before the answers;
- past the tutorial in every attribute (tier 7) and a level in each skill, most low and a few high enough
  for the ranked tiers (levels follow the persona's strength, the eighth power of a uniform number);
- two answers, to prompts i mod 4 and (i + 2) mod 4, which between them assess every attribute, each
  skill scored by three distinct reviewers (two for one persona in ten: too few to be placed);
- answered 2 to 13 days before the build (40 to 51 days for one persona in twenty: no longer active);
- the achievements those rows earn, and for one persona in three, interactions of up to five people.

Every column a statement does not choose gets the model field's default, as saving a new instance would
store it: a column added later (say a persona's greeting) needs nothing here, and one without a default
fails the insert, naming itself.
"""

from dataclasses import dataclass

from django.db import connection, models

from leveling.models import PersonaAchievement, PersonaSkill, TutorialProgress
from metrics.models import InteractionTally
from persona.models import Persona
from prompts.models import Answer, SkillScore
from prompts.scoring import xp_for_score

REVIEWER_STEP = 7  # reviewer k of an answer is the (persona + 7k)-th: three distinct ones of twenty
FEW_REVIEWERS_RESIDUE = 3  # persona id mod 10: scored by two reviewers only
STALE_RESIDUE = 7  # persona id mod 20: answered before the activity window
TALLIED_EVERY = 3
ACTOR_STEP = 131  # the j-th person interacting is the owner's (1 + 131j)-th successor among the owners


@dataclass(frozen=True)
class Insert:
    """INSERT INTO the model's table SELECT `values` (column -> SQL expression) `source`."""

    model: type[models.Model]
    values: dict[str, str]
    source: str  # FROM ... ORDER BY ...
    prefix: str = ""  # a WITH clause

    def _defaulted(self) -> list[models.Field]:
        fields = self.model._meta.concrete_fields
        return [field for field in fields if field.column not in self.values and not field.primary_key]

    def params(self) -> dict:
        """The defaults of the columns not chosen, as parameters."""
        return {
            f"default_{field.column}": field.get_db_prep_save(field.get_default(), connection)
            for field in self._defaulted()
        }

    def sql(self) -> str:
        defaulted = self._defaulted()
        columns = [*self.values, *(field.column for field in defaulted)]
        expressions = [*self.values.values(), *(f"%(default_{field.column})s" for field in defaulted)]
        table = self.model._meta.db_table
        return (
            f"{self.prefix} INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {', '.join(expressions)} {self.source}"
        )


def uniform(key: str, salt: int) -> str:
    """SQL for a number in [0, 1) fixed by `key` (an SQL expression) and `salt`."""
    return f"((hashint8(({key})::bigint * 8191 + {salt})::bigint & 2147483647)::float8 / 2147483648)"


def strength(persona_id: str) -> str:
    return f"power({uniform(persona_id, 1)}, 8)"


def personas() -> Insert:
    """Names 'Rated persona 0000042': their keys are the name mapped character by character (the
    builder checks that core.names maps each character of the alphabet to one), slugs the slugified
    name and a six-character suffix."""
    values = {
        "id": "%(base)s + g.i",
        "created_at": "c.at",
        "updated_at": "c.at",
        "name": "n.name",
        "name_key": "translate(n.name, %(alphabet)s, %(keys)s)",
        "name_shape_key": "translate(n.name, %(alphabet)s, %(shape_keys)s)",
        "slug": "lower(replace(n.name, ' ', '-')) || '-' || substr(md5(g.i::text), 1, 6)",
        "description": "%(description)s",
        "visibility": "%(public)s",
        "status": "%(active)s",
        "owner_id": "%(owner_base)s + mod(g.i, %(owners)s)",
    }
    source = """
        FROM generate_series(1, %(personas)s) AS g(i)
        CROSS JOIN LATERAL (SELECT %(prefix)s || lpad(g.i::text, 7, '0') AS name) n
        CROSS JOIN LATERAL (SELECT %(start)s::timestamptz + g.i * %(slot)s * interval '1 second' AS at) c
    """
    return Insert(Persona, values, source)


_EACH_PERSONA = "WHERE p.id BETWEEN %(first)s AND %(last)s"


def tutorial() -> Insert:
    values = {"persona_id": "p.id", "attribute_id": "a.id", "tier": "%(tier)s", "updated_at": "p.created_at"}
    source = f"FROM persona_persona p CROSS JOIN leveling_attribute a {_EACH_PERSONA} ORDER BY p.id, a.id"
    return Insert(TutorialProgress, values, source)


def skills() -> Insert:
    """Each skill within three levels of the persona's strength; its XP the least that level needs."""
    jitter = f"floor({uniform('p.id * 64 + s.id', 2)} * 7)::integer - 3"
    level = f"least(99, greatest(1, 1 + floor({strength('p.id')} * 98)::integer + {jitter}))"
    values = {
        "persona_id": "p.id",
        "skill_id": "s.id",
        "level": "l.level",
        "xp": "(%(xp_table)s::bigint[])[l.level]",
        "updated_at": "p.created_at",
    }
    source = f"""
        FROM persona_persona p CROSS JOIN leveling_skill s
        CROSS JOIN LATERAL (SELECT {level} AS level) l
        {_EACH_PERSONA}
        ORDER BY p.id, s.id
    """
    return Insert(PersonaSkill, values, source)


def answers() -> Insert:
    """Answer j (0, 1) of persona p has id answer_base + 2 (p - first) + j."""
    days_ago = (
        f"CASE WHEN mod(p.id, 20) = {STALE_RESIDUE} THEN 40 ELSE 2 END + {uniform('p.id', 3)} * 10 + j.j"
    )
    values = {
        "id": "%(answer_base)s + 2 * (p.id - %(first)s) + j.j",
        "persona_id": "p.id",
        "prompt_id": "(%(prompts)s::bigint[])[1 + mod(p.id + 2 * j.j, 4)]",
        "text": "%(text)s",
        "author_id": "p.owner_id",
        "created_at": "t.at",
        "updated_at": "t.at",
    }
    source = f"""
        FROM persona_persona p CROSS JOIN generate_series(0, 1) AS j(j)
        CROSS JOIN LATERAL (SELECT %(now)s::timestamptz - ({days_ago}) * interval '1 day' AS at) t
        {_EACH_PERSONA}
        ORDER BY p.id, j.j
    """
    return Insert(Answer, values, source)


def xp_rows(prompt_skills: list[tuple[int, int, object, int]]) -> list[tuple[int, int, int, int]]:
    """(prompt id, skill id, score, XP) for every score each prompt skill may get, from the service's
    own formula (Python's rounding, which SQL's round() does not share)."""
    return [
        (prompt_id, skill_id, score, xp_for_score(score=score, weight=weight, difficulty=difficulty))
        for prompt_id, skill_id, weight, difficulty in prompt_skills
        for score in range(11)
    ]


def scores() -> Insert:
    """Scores rise with the persona's strength and a quality of its own, each reviewer within a point or
    two; given within a day of the answer. `bench_xp` holds xp_rows()."""
    noise = f"4 * ({uniform('a.id * 64 + ps.skill_id * 4 + r.k', 4)} - 0.5)"
    expected = f"2 + 4 * {uniform('a.persona_id', 5)} + 4 * {strength('a.persona_id')}"
    score = f"least(10, greatest(0, round({expected} + {noise})))"
    given = f"""
        WITH given AS MATERIALIZED (  -- scored before their XP is looked up, not once per candidate XP
            SELECT a.id AS answer_id, a.prompt_id, ps.skill_id, r.k, a.persona_id, a.created_at,
                ({score})::integer AS score
            FROM prompts_answer a
            JOIN prompts_promptskill ps ON ps.prompt_id = a.prompt_id
            CROSS JOIN generate_series(0, 2) AS r(k)
            WHERE a.persona_id BETWEEN %(first)s AND %(last)s
                AND (r.k < 2 OR mod(a.persona_id, 10) <> {FEW_REVIEWERS_RESIDUE})
        )
    """
    values = {
        "answer_id": "g.answer_id",
        "skill_id": "g.skill_id",
        "scorer_id": f"%(reviewer_base)s + mod(g.persona_id + {REVIEWER_STEP} * g.k, %(reviewers)s)",
        "score": "g.score",
        "xp_awarded": "x.xp",
        "created_at": f"g.created_at + (1 + g.k + {uniform('g.answer_id', 6)} * 20) * interval '1 hour'",
    }
    source = """
        FROM given g
        JOIN bench_xp x ON x.prompt_id = g.prompt_id AND x.skill_id = g.skill_id AND x.score = g.score
        ORDER BY g.answer_id, g.skill_id, g.k
    """
    return Insert(SkillScore, values, source, prefix=given)


def achievements() -> Insert:
    values = {"persona_id": "p.id", "achievement_id": "ac.id", "awarded_at": "e.first_answered"}
    source = """
        FROM persona_persona p
        JOIN (
            SELECT a.persona_id, min(a.created_at) AS first_answered, bool_or(x.score = 10) AS perfect
            FROM prompts_answer a JOIN prompts_skillscore x ON x.answer_id = a.id
            WHERE a.persona_id BETWEEN %(first)s AND %(last)s
            GROUP BY a.persona_id
        ) e ON e.persona_id = p.id
        JOIN (
            SELECT persona_id, max(level) AS top FROM leveling_personaskill
            WHERE persona_id BETWEEN %(first)s AND %(last)s GROUP BY persona_id
        ) s ON s.persona_id = p.id
        JOIN leveling_achievement ac ON ac.code = ANY(%(graduate_codes)s)
            OR (ac.code = %(perfect_code)s AND e.perfect)
            OR ac.code = ANY(ARRAY(
                SELECT t.code
                FROM unnest(%(thresholds)s::integer[], %(level_codes)s::text[]) AS t(level, code)
                WHERE t.level <= s.top
            ))
        ORDER BY p.id, ac.id
    """
    return Insert(PersonaAchievement, values, source)


def tallies() -> Insert:
    """Person j (0 .. i mod 5) of a tallied persona: never its owner, each of one kind."""
    values = {
        "persona_id": "p.id",
        "actor_id": f"%(owner_base)s + mod(p.owner_id - %(owner_base)s + 1 + {ACTOR_STEP} * j.j, %(owners)s)",
        "kind": "(%(kinds)s::text[])[1 + mod(p.id + j.j, 4)]",
        "count": f"1 + floor({uniform('p.id * 8 + j.j', 7)} * 8)::integer",
        "first_at": "p.created_at + interval '1 day'",
        "last_at": f"%(now)s::timestamptz - {uniform('p.id * 8 + j.j', 8)} * interval '10 days'",
    }
    source = f"""
        FROM persona_persona p CROSS JOIN generate_series(0, 4) AS j(j)
        {_EACH_PERSONA} AND mod(p.id, {TALLIED_EVERY}) = 0 AND j.j <= mod(p.id, 5)
        ORDER BY p.id, j.j
    """
    return Insert(InteractionTally, values, source)
