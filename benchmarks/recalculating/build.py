"""Fill a migrated database with N eligible personas for the recalculation: 1,000 owners, 20 reviewers and
a moderator, the moderator's prompts (through the service), then every persona's rows in bulk SQL (see
rows.py), VACUUM (ANALYZE), and the daily recalculation of the four days before the build, since ranked
tiers fill by promotion only, one tier a day: today's run then reaches T1, as in production. Returns the
subjects the runner measures.

Left out, because neither the recalculation, nor a score, nor a board reads them: the personas' history
versions, XP events and quest progress (a persona past the tutorial has only completed quests, which a
score leaves alone)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from benchmarks.recalculating import rows
from benchmarks.scaling.build import statistics_update
from benchmarks.scaling.sql import execute, reset_sequence, scalar, step
from core import names
from leveling import achievements as codes
from leveling.models import Attribute, Skill, TutorialTier
from leveling.xp import XP_TABLE
from metrics.models import InteractionKind
from metrics.services import standings_recalculate_all
from metrics.tiers import RANKED
from persona.models import Status, Visibility
from prompts.models import PromptSkill
from prompts.services import prompt_create

OWNERS, REVIEWERS = 1_000, 20
OWNER, REVIEWER, MODERATOR = "recalc-owner-", "recalc-reviewer-", "recalc-moderator"
MIN_PERSONAS = 200
NAME_PREFIX = "Rated persona "
DESCRIPTION = "A persona the recalculation benchmark made, past every tutorial and scored by reviewers."
ANSWER_TEXT = "Here is how I would approach it, step by step, with an example at the end."
GRADUATE_CODES = [codes.FIRST_ANSWER, codes.FIRST_QUEST, codes.TUTORIAL_GRADUATE, codes.ALL_ROUNDER]
ANSWERED_DAYS_BEFORE = 60  # personas are created in the year before this
WEIGHTS = ("1.5", "1.0")  # of a prompt's two skills


def _insert(insert: rows.Insert, params: dict) -> None:
    execute(insert.sql(), {**params, **insert.params()})


def _next_id(table: str) -> int:
    return scalar(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")


def users_insert(*, prefix: str, count: int, joined) -> int:
    """`count` users named prefix0001.. who cannot log in; returns the first id."""
    base = _next_id("auth_user")
    username = f"%(prefix)s || lpad(u.i::text, {len(str(count))}, '0')"
    execute(
        "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, "
        "is_staff, is_active, date_joined) "
        f"SELECT %(base)s + u.i - 1, '!' || md5(u.i::text), false, {username}, '', '', "
        f"{username} || '@example.com', false, true, %(joined)s FROM generate_series(1, %(count)s) AS u(i)",
        {"base": base, "prefix": prefix, "count": count, "joined": joined},
    )
    reset_sequence("auth_user")
    return base


def _users_create(*, joined) -> dict:
    owner_base = users_insert(prefix=OWNER, count=OWNERS, joined=joined)
    reviewer_base = users_insert(prefix=REVIEWER, count=REVIEWERS, joined=joined)
    Group.objects.get(name="reviewers").user_set.add(*range(reviewer_base, reviewer_base + REVIEWERS))
    moderator = get_user_model().objects.create_user(MODERATOR, f"{MODERATOR}@example.com")
    moderator.groups.add(Group.objects.get(name="moderators"))
    return {"owner_base": owner_base, "reviewer_base": reviewer_base, "moderator": moderator}


def _prompt(moderator, title: str, skills: list[Skill], difficulty: int):
    weighted = [{"skill": skill, "weight": weight} for skill, weight in zip(skills, WEIGHTS, strict=True)]
    return prompt_create(
        actor=moderator,
        title=title,
        text="Answer in your own voice, in under three hundred words.",
        difficulty=difficulty,
        skills=weighted,
    )


def prompts_create(moderator) -> tuple[list[int], int]:
    """Four prompts, the k-th assessing the first skill of attribute k and the second of attribute
    k + 1 (so two prompts k and k + 2 assess all four), and a fresh one nobody answered, for the runner."""
    skills = [list(Skill.objects.filter(attribute=attribute)) for attribute in Attribute.objects.all()]
    answered = [
        _prompt(moderator, f"Rated prompt {k + 1}", [skills[k][0], skills[(k + 1) % 4][1]], 1 + k)
        for k in range(4)
    ]
    fresh = _prompt(moderator, "Fresh prompt", [skills[0][2], skills[1][2]], 3)
    return [prompt.pk for prompt in answered], fresh.pk


def _xp_table_load(prompt_ids: list[int]) -> None:
    prompt_skills = PromptSkill.objects.filter(prompt_id__in=prompt_ids)
    found = prompt_skills.values_list("prompt_id", "skill_id", "weight", "prompt__difficulty")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_xp")
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_xp (prompt_id bigint, skill_id bigint, score integer, xp integer)"
        )
        cursor.executemany("INSERT INTO bench_xp VALUES (%s, %s, %s, %s)", rows.xp_rows(list(found)))
        cursor.execute("ANALYZE bench_xp")  # else the planner guesses a thousand rows, and joins them first


def name_translation() -> dict[str, str]:
    """Each character of the generated names but the space (which single, inside a name, stays) and what
    core.names makes of it, as translate() arguments: one character for one, which holds for this
    alphabet (keys_check confirms it on a sample)."""
    alphabet = "".join(sorted(set(NAME_PREFIX + "0123456789") - {" "}))
    keys = [names.name_key(char) for char in alphabet]
    shape_keys = [names.name_shape_key(char) for char in alphabet]
    if any(len(key) != 1 for key in keys + shape_keys):
        raise ValueError(f"core.names maps a character of {alphabet!r} to other than one character")
    return {"alphabet": alphabet, "keys": "".join(keys), "shape_keys": "".join(shape_keys)}


def _personas_insert(*, count: int, base: int, users: dict, now) -> None:
    span = timedelta(days=365)
    start = now - timedelta(days=ANSWERED_DAYS_BEFORE) - span
    params = {
        **name_translation(),
        "personas": count,
        "base": base,
        "prefix": NAME_PREFIX,
        "description": DESCRIPTION,
        "owner_base": users["owner_base"],
        "owners": OWNERS,
        "start": start,
        "slot": span.total_seconds() / count,
        "public": Visibility.PUBLIC,
        "active": Status.ACTIVE,
    }
    _insert(rows.personas(), params)
    reset_sequence("persona_persona")


def _rows_insert(*, count: int, base: int, users: dict, prompt_ids: list[int], now, out) -> None:
    params = {
        "first": base + 1,
        "last": base + count,
        "tier": TutorialTier.ELIGIBLE,
        "xp_table": list(XP_TABLE),
        "answer_base": _next_id("prompts_answer"),
        "prompts": prompt_ids,
        "text": ANSWER_TEXT,
        "now": now,
        "reviewer_base": users["reviewer_base"],
        "reviewers": REVIEWERS,
        "graduate_codes": GRADUATE_CODES,
        "perfect_code": codes.PERFECT_SCORE,
        "thresholds": list(codes.SKILL_LEVEL_THRESHOLDS),
        "level_codes": [codes.skill_level_code(level) for level in codes.SKILL_LEVEL_THRESHOLDS],
        "owner_base": users["owner_base"],
        "owners": OWNERS,
        "kinds": list(InteractionKind.values),
    }
    inserts = {
        "tutorial progress": rows.tutorial(),
        "skills": rows.skills(),
        "answers": rows.answers(),
        "skill scores": rows.scores(),
        "achievements": rows.achievements(),
        "interaction tallies": rows.tallies(),
    }
    for label, insert in inserts.items():
        with step(label, out):
            _insert(insert, params)
    reset_sequence("prompts_answer")


def days_before_recalculate(*, today, out) -> None:
    """Gold on the first day, T4 from Gold on the next, and so on up to T2 the day before today."""
    for days_ago in range(len(RANKED), 0, -1):
        with step(f"recalculation of {days_ago} days before", out):
            standings_recalculate_all(day=today - timedelta(days=days_ago))


def fill(*, count: int, out=print) -> dict:
    """Fill the (migrated) database; returns the subjects the runner measures."""
    if count < MIN_PERSONAS:
        raise ValueError(f"build at least {MIN_PERSONAS} personas")
    now = timezone.now()
    with step("users and prompts", out):
        users = _users_create(joined=now - timedelta(days=ANSWERED_DAYS_BEFORE + 400))
        prompt_ids, fresh_prompt = prompts_create(users["moderator"])
        _xp_table_load(prompt_ids)
    base = _next_id("persona_persona") - 1
    with step("personas", out):
        _personas_insert(count=count, base=base, users=users, now=now)
    _rows_insert(count=count, base=base, users=users, prompt_ids=prompt_ids, now=now, out=out)
    with step("statistics", out):
        statistics_update()
    days_before_recalculate(today=now.date(), out=out)
    with step("statistics again, with the standings", out):
        statistics_update()
    return {
        "first_persona": base + 1,
        "last_persona": base + count,
        "reviewer": f"{REVIEWER}{1:0{len(str(REVIEWERS))}d}",
        "fresh_prompt": fresh_prompt,
        "built_on": now.date().isoformat(),
    }
