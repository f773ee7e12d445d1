"""Fill a migrated database with N public, active personas as the services would store them: 1,000 users
(the benchmark's user owns 100 personas and has 50 of others' shared with them; a reviewer; a
moderator), 24 prompts, and for every persona its history, skills, tutorial tiers and quests; a few in a
hundred have answered a prompt and most of those were scored; one in fifty is a fork (published) of the
persona 25 places before it. Bulk SQL, one statement per table; then ANALYZE and the checks of check.py.
Returns the subjects the runner measures."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from benchmarks.scaling import check, cloning, personas, templates, vocabulary
from benchmarks.scaling.sql import execute, reset_sequence, scalar, step
from leveling.models import Skill
from persona.models import Persona, ShareRole
from persona.services import persona_share
from prompts.services import prompt_create

USERS = 1_000
BENCH_USER, REVIEWER, MODERATOR = "bench-me", "bench-reviewer", "bench-moderator"
PASSWORD = "bench-password"  # the benchmark's user and reviewer can log in (e.g. to look around)
SHARED_WITH_BENCH_USER = 50
MIN_PERSONAS = 200  # the benchmark's user owns 100, and every kind of persona occurs
PROMPT_TITLES = [
    "Explain recursion to a ten-year-old",
    "Plan a week of dinners on a budget",
    "Comfort a friend who failed an exam",
    "Invent a new board game",
    "Argue that a hot dog is a sandwich",
    "Explain how vaccines train the immune system",
    "Rewrite a paragraph as a limerick",
    "Why is the sky blue?",
    "Summarize a long meeting in three lines",
    "Teach a knot with words only",
    "Describe a colour to someone who cannot see",
    "Talk someone out of a bad investment",
]


def users_insert(*, joined) -> int:
    """USERS users with ids base+0.. (index 0 is the benchmark's user); returns the base."""
    base = scalar("SELECT coalesce(max(id), 0) + 1 FROM auth_user")
    username = (
        f"CASE u.i WHEN 0 THEN '{BENCH_USER}' WHEN 1 THEN '{REVIEWER}' WHEN 2 THEN '{MODERATOR}' "
        "ELSE 'bench-user-' || lpad(u.i::text, 4, '0') END"
    )
    execute(
        "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, "
        "is_staff, is_active, date_joined) "
        f"SELECT %(base)s + u.i, CASE WHEN u.i < 3 THEN %(password)s ELSE '!' || md5(random()::text) END, "
        f"false, {username}, '', '', {username} || '@example.com', false, true, "
        "%(joined)s::timestamptz + u.i * interval '1 hour' FROM generate_series(0, %(last)s) AS u(i)",
        {"base": base, "password": make_password(PASSWORD), "joined": joined, "last": USERS - 1},
    )
    reset_sequence("auth_user")
    Group.objects.get(name="reviewers").user_set.add(base + 1)
    Group.objects.get(name="moderators").user_set.add(base + 2)
    return base


def prompts_create(*, moderator) -> list:
    skills = list(Skill.objects.order_by("pk"))
    return [
        prompt_create(
            actor=moderator,
            title=PROMPT_TITLES[n % len(PROMPT_TITLES)] + (" (advanced)" if n >= len(PROMPT_TITLES) else ""),
            text="Answer in your own voice, in under three hundred words.",
            difficulty=1 + n % 5,
            is_tutorial=n < 4,
            skills=[
                {"skill": skills[n % len(skills)], "weight": "1.5"},
                {"skill": skills[(n + 5) % len(skills)], "weight": "1.0"},
            ],
        )
        for n in range(2 * len(PROMPT_TITLES))
    ]


def _cast(base: int) -> dict:
    """The users the builder and the runner act as, by their index among the generated users."""
    users = get_user_model().objects.in_bulk([base + n for n in range(5)])
    roles = ("me", "reviewer", "moderator", "owner", "forker")
    return {role: users[base + n] for n, role in enumerate(roles)}


def personas_insert(*, count: int, base: int, user_base: int, made: dict[str, int], start) -> None:
    params = personas.persona_insert_params(
        personas=count, base=base, user_base=user_base, start=start, fork_template=made["fork"]
    )
    template_of = templates.kind_case("g.i", personas=count, templates=made)
    execute(personas.persona_insert_sql(template_of), params)
    reset_sequence("persona_persona")


def rows_clone(relations, *, count: int, base: int, made: dict[str, int], out) -> None:
    template_of = templates.kind_case("(p.id - %(base)s)", personas=count, templates=made)
    for relation in relations:
        with step(f"rows of {relation.label}", out):
            sql = cloning.clone_sql(relation, template_of=template_of)
            execute(sql, {"first": base + 1, "last": base + count, "base": base})


def shares_create(*, user, count: int, base: int) -> None:
    """Personas of others shared with the benchmark's user, through the sharing service."""
    step = count // personas.BENCH_USER_PERSONAS
    ids = [base + step // 2 + n * step for n in range(SHARED_WITH_BENCH_USER)]  # between theirs
    for n, persona in enumerate(Persona.objects.filter(pk__in=ids).select_related("owner")):
        role = ShareRole.EDIT if n % 2 else ShareRole.USE
        persona_share(persona=persona, actor=persona.owner, username=user.username, role=role)


def statistics_update() -> None:
    """VACUUM (ANALYZE) where possible (also sets the visibility map, as autovacuum would have), else
    ANALYZE (inside a transaction: tests)."""
    execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


def _generated_of_kind(template_id: int, *, count: int, base: int, made: dict[str, int]) -> int:
    template_of = templates.kind_case("(p.id - %(base)s)", personas=count, templates=made)
    return scalar(
        f"SELECT min(p.id) FROM persona_persona p WHERE p.id BETWEEN %(first)s AND %(last)s "
        f"AND ({template_of}) = %(template)s",
        {"first": base + 1, "last": base + count, "base": base, "template": template_id},
    )


def checks_run(*, expected: dict, count: int, base: int, made: dict[str, int], owner, out) -> None:
    """Each kind against its template, a plain persona against persona_create, and the name keys."""
    for kind, template_id in made.items():
        generated = _generated_of_kind(template_id, count=count, base=base, made=made)
        check.fingerprints_compare(expected[kind], check.fingerprint(generated), what=f"a {kind} persona")
    plain = _generated_of_kind(made[templates.PLAIN], count=count, base=base, made=made)
    check.service_persona_compare(generated_id=plain, owner=owner)
    sampled = check.keys_check(first=base + 1, last=base + count)
    common, rare = (check.count_matching(word) for word in (vocabulary.COMMON_WORD, vocabulary.RARE_WORD))
    out(
        f"  checked: {len(made)} kinds match their service-made templates, a plain one matches "
        f"persona_create, {sampled} names have core.names' keys; '{vocabulary.COMMON_WORD}' matches "
        f"{common} personas, '{vocabulary.RARE_WORD}' {rare}"
    )


def _subjects(*, users: dict, count: int, base: int) -> dict:
    mine = Persona.objects.filter(owner=users["me"]).order_by("pk")
    forked = mine.filter(forks__isnull=False).values_list("pk", flat=True).first()
    middle = (count // 2) // 100 * 100 + templates.SCORED_PUBLIC_RESIDUE
    return {
        "user": users["me"].username,
        "reviewer": users["reviewer"].username,
        "owner_persona": forked or mine.values_list("pk", flat=True).first(),
        "public_persona": base + middle,
    }


def fill(*, count: int, out=print) -> dict:
    """Fill the (migrated, empty) database; returns the subjects the runner measures."""
    if count < MIN_PERSONAS or not vocabulary.search_words_are_distinct():
        raise ValueError(f"build at least {MIN_PERSONAS} personas, with search words used nowhere else")
    start = timezone.now() - timedelta(days=365 * personas.YEARS)
    with step("users", out):
        users = _cast(users_insert(joined=start - timedelta(days=60)))
    with step("prompts and service-made templates", out):
        made = templates.templates_create(
            owner=users["owner"],
            forker=users["forker"],
            reviewer=users["reviewer"],
            prompts=prompts_create(moderator=users["moderator"]),
        )
        expected = {kind: check.fingerprint(pk) for kind, pk in made.items()}
        held = templates.templates_snapshot(list(made.values()))
        templates.templates_delete(list(made.values()))
    base = max(made.values())
    with step("personas", out):
        personas.vocabulary_load()
        personas_insert(count=count, base=base, user_base=users["me"].pk, made=made, start=start)
    rows_clone(held, count=count, base=base, made=made, out=out)
    with step("checks", out):  # before sharing, which adds rows no template has
        checks_run(expected=expected, count=count, base=base, made=made, owner=users["owner"], out=out)
    with step("shares", out):
        shares_create(user=users["me"], count=count, base=base)
    with step("statistics", out):
        statistics_update()
    return _subjects(users=users, count=count, base=base)
