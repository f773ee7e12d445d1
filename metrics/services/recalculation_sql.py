"""The daily recalculation of one attribute as set-based SQL: no loop over personas anywhere.

The statements run in order inside one transaction (metrics.services.recalculation), except the last,
which counts the ranked tiers' sizes after it committed:

1. `rate` (metrics.services.rate_sql): a temporary table with one row per persona that has a standing or
   a scored answer in the attribute: its evidence, level, points and rating by the formula of
   metrics.rating, whether it is eligible, the tier it held when the day began (that day's tier event's
   `from_tier` if an earlier run of the day moved it, else its stored tier, so running twice for a day
   gives the same result) and its latest snapshot. The facts a rating rests on (evidence, level, points,
   last activity) are those the live rating stored in the standing, inside the transaction that changed
   them; today's slice of personas (`persona_id % reconcile_every = reconcile_slice`: each persona once
   in METRICS_RECONCILE_DAYS days; everyone on an attribute's first run, or when asked), and each persona
   marked due since the attribute's last run (metrics.services.facts_due: it lost a score), has them
   recomputed from the scores, their answers, the prompts' skill weights, the skill levels, awards and
   interactions instead, which repairs whatever the live rating missed (a bulk import, a deleted answer,
   a prompt's new weights).
2. `promote_t1`..`promote_t4`: each ranked tier, best first, takes the best `cap` eligible personas of
   the required level among those that held it, the tier above (a demotion drops one tier) or the tier
   below (a promotion climbs one: T4 from Gold).
3. `cut_bands`: the eligible personas left, in board order (rating, then who reached it first, then
   id: `row_number()`, never `rank()`), fill Gold, Silver and Bronze exactly; the rest wait at Paper.
4. `rank_ladders`: exact ranks inside T4-T1.
5. The writes, each touching only rows that changed: standings updated (UPDATE ... FROM) and inserted,
   a snapshot for each standing whose rating, tier or rank moved since its latest one, that day's tier
   events written (or removed when a rerun undid them).
6. `ranked_sizes` (after commit): how many personas hold each ranked tier as their best, for voting.

Every statement uses named parameters (`%(name)s`), so a benchmark can send the same SQL through
psycopg. It runs on PostgreSQL and on SQLite 3.39+ (the embedded default).
"""

import math
from datetime import date, datetime, timedelta

from django.conf import settings

from leveling.models import Achievement, PersonaAchievement, PersonaSkill, Skill, TutorialProgress
from metrics.models import FactsDue, InteractionTally, RankedTierSize, Standing, StandingSnapshot, TierEvent
from metrics.policy import MetricsPolicy
from metrics.rating import INTERACTION_WEIGHTS, MAX_LEVEL_SPAN, RATING_SCALE
from metrics.services.rate_sql import RATE, RATE_FORMAT
from metrics.tiers import RANKED, TUTORIAL_DONE, Tier
from persona.models import Persona, Status, Visibility
from prompts.models import Answer, PromptSkill, SkillScore

TEMPORARY = "metrics_recalculation"
TABLES = {
    "standing": Standing._meta.db_table,
    "due": FactsDue._meta.db_table,
    "snapshot": StandingSnapshot._meta.db_table,
    "event": TierEvent._meta.db_table,
    "sizes": RankedTierSize._meta.db_table,
    "tally": InteractionTally._meta.db_table,
    "score": SkillScore._meta.db_table,
    "answer": Answer._meta.db_table,
    "prompt_skill": PromptSkill._meta.db_table,
    "skill": Skill._meta.db_table,
    "persona_skill": PersonaSkill._meta.db_table,
    "tutorial": TutorialProgress._meta.db_table,
    "award": PersonaAchievement._meta.db_table,
    "achievement": Achievement._meta.db_table,
    "persona": Persona._meta.db_table,
    "temp": TEMPORARY,
}
BOARD_ORDER = "rating DESC, rated_at ASC NULLS LAST, persona_id"


def shown_tier(tier: str, tutorial: str) -> str:
    """The tier a persona shows: its stored one, else the tutorial's, or Paper once past it."""
    unplaced = f"CASE WHEN {tutorial} > {int(Tier.PAPER)} THEN {tutorial} ELSE {int(Tier.PAPER)} END"
    return f"CASE WHEN {tier} IS NULL THEN {unplaced} ELSE {tier} END"


RATING_MOVED = 0.005  # ratings are stored in hundredths: a smaller difference is the same rating


# A ranked tier takes the best qualifying personas of itself, the tier above and the tier below.
PROMOTE = """
UPDATE {temp} SET new_tier = {tier}
WHERE persona_id IN (
    SELECT persona_id FROM {temp}
    WHERE new_tier IS NULL AND eligible AND level >= %(level_{tier})s
      AND start_tier BETWEEN {tier_above} AND {tier_below}
    ORDER BY {board_order}
    LIMIT %(cap_{tier})s
)
"""

CUT_BANDS = """
UPDATE {temp} SET new_tier = CASE WHEN placed.position <= %(gold_last)s THEN {gold}
                                  WHEN placed.position <= %(silver_last)s THEN {silver}
                                  ELSE {bronze} END
FROM (
    SELECT persona_id, ROW_NUMBER() OVER (ORDER BY {board_order}) AS position
    FROM (
        SELECT persona_id, rating, rated_at FROM {temp}
        WHERE eligible AND new_tier IS NULL
        ORDER BY {board_order}
        LIMIT %(bronze_last)s
    ) best
) placed
WHERE {temp}.persona_id = placed.persona_id
"""

RANK_LADDERS = """
UPDATE {temp} SET new_rank = ranked.place
FROM (
    SELECT persona_id, ROW_NUMBER() OVER (PARTITION BY new_tier ORDER BY {board_order}) AS place
    FROM {temp} WHERE new_tier <= {watchers}
) ranked
WHERE {temp}.persona_id = ranked.persona_id
"""

SHOWN_TIER = shown_tier("r.new_tier", "r.tutorial_tier")
SNAPSHOT_DUE = f"""(r.snapshot_rating IS NULL OR ABS(r.snapshot_rating - r.rating) > {RATING_MOVED}
    OR r.snapshot_tier <> {SHOWN_TIER} OR r.snapshot_rank IS DISTINCT FROM r.new_rank)"""
FLOAT_MOVED = "ABS(s.{field} - r.{field}) > 0.00005"
STANDING_MOVED = " OR ".join(
    [
        "r.rating_moved",
        *(FLOAT_MOVED.format(field=field) for field in ("quality", "evidence", "points")),
        *(f"s.{field} <> r.{field}" for field in ("answers", "reviewers", "level", "eligible")),
        *(f"s.{field} IS DISTINCT FROM r.{field}" for field in ("last_active_at",)),
        "s.tier IS DISTINCT FROM r.new_tier",
        "s.rank IS DISTINCT FROM r.new_rank",
        SNAPSHOT_DUE,
    ]
)

UPDATE_STANDINGS = f"""
UPDATE {{standing}} AS s SET
    rating = r.rating, rated_at = r.rated_at, quality = r.quality, evidence = r.evidence,
    answers = r.answers, reviewers = r.reviewers, level = r.level, points = r.points,
    last_active_at = r.last_active_at, eligible = r.eligible, tier = r.new_tier, rank = r.new_rank,
    tier_since = CASE WHEN s.tier IS DISTINCT FROM r.new_tier THEN %(as_of)s ELSE s.tier_since END,
    snapshot_on = CASE WHEN {SNAPSHOT_DUE} THEN %(day)s ELSE s.snapshot_on END,
    updated_at = %(as_of)s
FROM {{temp}} r
WHERE s.id = r.standing_id AND s.attribute_id = %(attribute_id)s AND ({STANDING_MOVED})
"""

# A live rating may create the standing meanwhile: it is then reconciled on the next run.
INSERT_STANDINGS = """
INSERT INTO {standing} (persona_id, attribute_id, rating, rated_at, quality, evidence, answers,
                        reviewers, level, points, last_active_at, eligible, tier, rank, tier_since,
                        snapshot_on, updated_at)
SELECT r.persona_id, %(attribute_id)s, r.rating, r.rated_at, r.quality, r.evidence, r.answers,
       r.reviewers, r.level, r.points, r.last_active_at, r.eligible, r.new_tier, r.new_rank,
       CASE WHEN r.new_tier IS NULL THEN NULL ELSE %(as_of)s END, %(day)s, %(as_of)s
FROM {temp} r
WHERE r.standing_id IS NULL
ON CONFLICT (persona_id, attribute_id) DO NOTHING
"""

WRITE_SNAPSHOTS = f"""
INSERT INTO {{snapshot}} (persona_id, attribute_id, day, rating, tier, rank)
SELECT r.persona_id, %(attribute_id)s, %(day)s, r.rating, {SHOWN_TIER}, r.new_rank
FROM {{temp}} r
WHERE {SNAPSHOT_DUE}
ON CONFLICT (persona_id, attribute_id, day) DO UPDATE
SET rating = excluded.rating, tier = excluded.tier, rank = excluded.rank
"""

WRITE_EVENTS = f"""
INSERT INTO {{event}} (persona_id, attribute_id, day, from_tier, to_tier, created_at)
SELECT r.persona_id, %(attribute_id)s, %(day)s,
       {shown_tier("r.start_tier", "r.tutorial_tier")},
       {SHOWN_TIER}, %(as_of)s
FROM {{temp}} r
WHERE r.new_tier IS DISTINCT FROM r.start_tier OR r.had_event
ON CONFLICT (persona_id, attribute_id, day) DO UPDATE SET to_tier = excluded.to_tier
"""

# A rerun of the day that puts a persona back where the day began leaves no event behind: the event
# written above then goes from a tier to the same. (Found by joining to the temporary table instead, the
# planner, which knows nothing yet of the events this transaction wrote, read that whole table once per
# event of the day: half an hour at a million personas.)
REMOVE_UNDONE_EVENTS = """
DELETE FROM {event} WHERE attribute_id = %(attribute_id)s AND day = %(day)s AND from_tier = to_tier
"""
# Marks older than a whole rotation of reconciled slices are covered by it (every attribute's run may
# remove them: the same rows, the same result).
EXPIRE_MARKS = "DELETE FROM {due} WHERE marked_at < %(marks_expire)s"


# Those competing for the bands, in the live positions: eligible and below the ranked tiers.
def competing_sql(eligible: str, tier: str) -> str:
    """Competing for the bands (the live positions' members): eligible and below the ranked tiers."""
    return f"({eligible} AND ({tier} IS NULL OR {tier} > {int(Tier.WATCHERS)}))"


COMPETING_NOW = competing_sql("r.eligible", "r.new_tier")
COMPETING_BEFORE = competing_sql("COALESCE(r.stored_eligible, FALSE)", "r.stored_tier")
# Whose place in the live order this run may have moved: they entered or left the competition, or their
# rating moved (when it did not, neither did their rated_at). The others' sort scores stand.
POSITIONS_MOVED = f"""
SELECT r.persona_id FROM {{temp}} r
WHERE {COMPETING_NOW} <> {COMPETING_BEFORE} OR ({COMPETING_NOW} AND r.rating_moved)
ORDER BY r.persona_id
LIMIT %(moved_limit)s
"""
COMPETING_COUNT = f"SELECT COUNT(*) FROM {{temp}} r WHERE {COMPETING_NOW}"

RANKED_SIZES = """
INSERT INTO {sizes} (day, tier, personas)
SELECT %(day)s, tiers.tier, COUNT(best.persona_id)
FROM ({ranked_tiers}) tiers
LEFT JOIN (
    SELECT s.persona_id, MIN(s.tier) AS tier
    FROM {standing} s JOIN {persona} p ON p.id = s.persona_id
    WHERE s.tier <= {watchers} AND s.eligible AND {listed}
    GROUP BY s.persona_id
) best ON best.tier = tiers.tier
WHERE TRUE
GROUP BY tiers.tier
ORDER BY tiers.tier  /* the same rows in the same order from every attribute's task: no deadlock */
ON CONFLICT (day, tier) DO UPDATE SET personas = excluded.personas
"""


def _ranked_steps() -> list[tuple[str, str]]:
    steps = []
    for tier in sorted(RANKED):  # T1 first: the best tier picks first
        number = int(tier)
        sql = PROMOTE.format(
            tier=number,
            tier_above=number - 1,
            tier_below=number + 1,
            temp="{temp}",
            board_order="{board_order}",
        )
        steps.append((f"promote_t{number}", sql))
    return steps


FORMAT = {
    **TABLES,
    "board_order": BOARD_ORDER,
    "rated_tier": shown_tier("start_tier", "tutorial_tier"),
    "scale": RATING_SCALE,
    "level_span": f"{MAX_LEVEL_SPAN}.0",
    "rating_moved": RATING_MOVED,
    "tutorial_done": TUTORIAL_DONE,
    "ranked_tiers": " UNION ALL ".join(f"SELECT {int(tier)} AS tier" for tier in sorted(RANKED)),
    **{tier.short_name.lower(): int(tier) for tier in Tier},
    **RATE_FORMAT,
}

# PostgreSQL only. The plans are hash joins and aggregates throughout, but the aggregates' row counts are
# guessed (200 groups), so the estimated cost runs to 10^12 and JIT compiles every statement with full
# optimization: 3.8 of 4.0 seconds at 2,000 personas, for a query whose work is hashing and sorting,
# which compiled expressions do not speed up.
NO_JIT = ("no_jit", "SET LOCAL jit = off")
# PostgreSQL only: `rate` sorts and hashes every score of the attribute, and at the server's default
# work_mem (4MB) its sorts spill to disk. The run's transaction gets METRICS_RECALCULATION_WORK_MEM
# (set_config(..., true) is SET LOCAL with a bound parameter); other connections keep the default.
WORK_MEM = ("work_mem", "SELECT set_config('work_mem', %(work_mem)s, true)")
POSTGRESQL_ONLY = frozenset({NO_JIT[0], WORK_MEM[0]})
STEPS = [
    NO_JIT,
    WORK_MEM,
    ("clear", "DROP TABLE IF EXISTS {temp}"),
    ("rate", RATE),
    ("analyze", "ANALYZE {temp}"),
    *_ranked_steps(),
    ("cut_bands", CUT_BANDS),
    ("rank_ladders", RANK_LADDERS),
    ("update_standings", UPDATE_STANDINGS),
    ("insert_standings", INSERT_STANDINGS),
    ("write_snapshots", WRITE_SNAPSHOTS),
    ("write_events", WRITE_EVENTS),
    ("remove_undone_events", REMOVE_UNDONE_EVENTS),
    ("expire_marks", EXPIRE_MARKS),
]
AFTER_COMMIT_STEPS = [("ranked_sizes", RANKED_SIZES)]
STEP_NAMES = [name for name, _ in STEPS + AFTER_COMMIT_STEPS]
# Read inside the run's transaction, for the live positions updated after it commits.
POSITION_READS = [("positions_moved", POSITIONS_MOVED), ("competing_count", COMPETING_COUNT)]
_SQL = {
    name: " ".join(template.format(**FORMAT).split())
    for name, template in STEPS + AFTER_COMMIT_STEPS + POSITION_READS
}


def recalculation_params(
    *,
    attribute_id: int,
    day: date,
    as_of: datetime,
    policy: MetricsPolicy,
    reconcile_all: bool = False,
    due_since: datetime | None = None,
) -> dict:
    """The statements' parameters; `reconcile_all` recomputes every persona's facts, not only today's
    slice and those marked due since `due_since` (by default, a day before `as_of`)."""
    gold, silver, bronze = policy.band_sizes
    reconcile_every = 1 if reconcile_all else policy.reconcile_days
    weights = policy.weights
    params = {
        "work_mem": settings.METRICS_RECALCULATION_WORK_MEM,
        "attribute_id": attribute_id,
        "day": day,
        "as_of": as_of,
        "active_since": as_of - timedelta(days=policy.active_days),
        "min_reviewers": policy.min_reviewers,
        "reconcile_every": reconcile_every,
        "reconcile_slice": day.toordinal() % reconcile_every,
        "due_since": due_since or as_of - timedelta(days=1),
        "marks_expire": as_of - timedelta(days=policy.reconcile_days + 1),
        "public": Visibility.PUBLIC,
        "active": Status.ACTIVE,
        "quality_doubt": policy.quality_doubt,
        "points_scale_ln": math.log1p(policy.points_scale),
        "interaction_cap": policy.interaction_cap,
        "weight_quality": weights.quality,
        "weight_level": weights.level,
        "weight_points": weights.points,
        "weight_tier": weights.tier,
        "gold_last": gold,
        "silver_last": gold + silver,
        "bronze_last": gold + silver + bronze,
        **{f"weight_{kind}": weight for kind, weight in INTERACTION_WEIGHTS.items()},
    }
    for tier, cap, level in zip(RANKED, policy.ranked_caps, policy.ranked_levels, strict=True):
        params[f"cap_{int(tier)}"], params[f"level_{int(tier)}"] = cap, level
    return params


def recalculation_statements(
    *, attribute_id: int, day: date, as_of: datetime, policy: MetricsPolicy, reconcile_all: bool = False
) -> list[tuple[str, dict]]:
    """Every statement of one attribute's recalculation, in order, with its parameters."""
    params = recalculation_params(
        attribute_id=attribute_id, day=day, as_of=as_of, policy=policy, reconcile_all=reconcile_all
    )
    return [(_SQL[name], params) for name in STEP_NAMES]


def step_sql(name: str) -> str:
    return _SQL[name]
