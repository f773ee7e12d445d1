"""The `rate` statement of the daily recalculation (metrics.services.recalculation_sql runs it first): a
temporary table with one row per persona standing or scored in the attribute, its facts (trusted as the
live rating stored them, or recomputed from the scores for today's reconciled slice and the personas
marked due), its rating by the formula of metrics.rating, whether it is eligible and where it stood when
the day began."""

from metrics.models import FactsDue
from metrics.rating import INTERACTION_WEIGHTS


def reconciled_sql(persona_id: str) -> str:
    """Whether the persona's facts are recomputed today: in today's slice (every persona when
    reconcile_every is 1), or marked since the attribute's last run (metrics.services.facts_due)."""
    due = f"SELECT d.persona_id FROM {FactsDue._meta.db_table} d WHERE d.marked_at >= %(due_since)s"
    return f"({persona_id} %% %(reconcile_every)s = %(reconcile_slice)s OR {persona_id} IN ({due}))"


def _interaction_points() -> str:
    """Points from interactions: per kind, each person's capped count summed, damped by ln(1 + n)."""
    terms = [f"%(weight_{kind})s * LN(1 + COALESCE(i.{kind}_count, 0))" for kind in INTERACTION_WEIGHTS]
    return " + ".join(terms)


def interactions_counted_sql(kind: str) -> str:
    """One kind's interactions in the tallies `t`, each person's counted at most %(interaction_cap)s
    times (NULL over no rows); the live rating (metrics.services.standings) uses it too."""
    capped = "CASE WHEN t.count < %(interaction_cap)s THEN t.count ELSE %(interaction_cap)s END"
    return f"SUM(CASE WHEN t.kind = '{kind}' THEN {capped} ELSE 0 END)"


def _capped_kind(kind: str) -> str:
    return f"{interactions_counted_sql(kind)} AS {kind}_count"


# Whether the persona `p` may take a place on a board: public, active, not deleted.
LISTED = "(p.visibility = %(public)s AND p.status = %(active)s AND p.deleted_at IS NULL)"
# A standing's columns the run compares with or starts from.
STORED = """st.id AS standing_id, st.rating AS stored_rating, st.rated_at AS stored_rated_at,
    st.tier AS stored_tier, st.eligible AS stored_eligible, st.snapshot_on"""
RATE = """
CREATE TEMPORARY TABLE {temp} AS
WITH scores AS (
    SELECT a.persona_id, s.answer_id, a.prompt_id, s.skill_id, s.scorer_id, s.score,
           s.created_at AS scored_at, a.created_at AS answered_at
    FROM {score} s
    JOIN {answer} a ON a.id = s.answer_id
    JOIN {skill} k ON k.id = s.skill_id
    WHERE k.attribute_id = %(attribute_id)s AND {reconciled_a}
),
skill_means AS (  /* an answer scores the mean of its reviewers in a skill: two 8s make 8, never 16 */
    SELECT persona_id, answer_id, prompt_id, skill_id, AVG(CAST(score AS DOUBLE PRECISION)) AS mean
    FROM scores GROUP BY persona_id, answer_id, prompt_id, skill_id
),
answer_scores AS (  /* weighted across the skills of the attribute by the weights of the prompt */
    SELECT m.persona_id, m.answer_id,
           SUM(CAST(COALESCE(w.weight, 1) AS DOUBLE PRECISION) * m.mean)
             / SUM(CAST(COALESCE(w.weight, 1) AS DOUBLE PRECISION)) AS score
    FROM skill_means m
    LEFT JOIN {prompt_skill} w ON w.prompt_id = m.prompt_id AND w.skill_id = m.skill_id
    GROUP BY m.persona_id, m.answer_id
),
answer_reviewers AS (
    SELECT answer_id, COUNT(DISTINCT scorer_id) AS reviewers FROM scores GROUP BY answer_id
),
evidence AS (  /* each answer weighs r / (r + 1) for its r reviewers */
    SELECT s.persona_id, COUNT(*) AS answers,
           SUM(CAST(r.reviewers AS DOUBLE PRECISION) / (r.reviewers + 1)) AS weight,
           SUM(CAST(r.reviewers AS DOUBLE PRECISION) / (r.reviewers + 1) * s.score) AS weighted
    FROM answer_scores s JOIN answer_reviewers r ON r.answer_id = s.answer_id
    GROUP BY s.persona_id
),
activity AS (
    SELECT persona_id, COUNT(DISTINCT scorer_id) AS reviewers,
           MAX(scored_at) AS last_scored, MAX(answered_at) AS last_answered
    FROM scores GROUP BY persona_id
),
skill_count AS (
    SELECT COUNT(*) AS skills FROM {skill} WHERE attribute_id = %(attribute_id)s
),
levels AS (
    SELECT ps.persona_id, SUM(ps.level) AS level_sum, COUNT(*) AS level_rows
    FROM {persona_skill} ps JOIN {skill} k ON k.id = ps.skill_id
    WHERE k.attribute_id = %(attribute_id)s AND {reconciled_ps}
    GROUP BY ps.persona_id
),
awards AS (
    SELECT aw.persona_id, SUM(ac.points) AS points
    FROM {award} aw JOIN {achievement} ac ON ac.id = aw.achievement_id
    WHERE {reconciled_aw}
    GROUP BY aw.persona_id
),
interactions AS (  /* those of the owner count for nothing */
    SELECT t.persona_id, {capped_kinds}
    FROM {tally} t JOIN {persona} p ON p.id = t.persona_id
    WHERE t.actor_id <> p.owner_id AND {reconciled_t}
    GROUP BY t.persona_id
),
reconciled AS (  /* today's slice, its facts recomputed */
    SELECT p.id AS persona_id,
           {listed} AS listed,
           COALESCE(tp.tier, {stone}) AS tutorial_tier, {stored},
           COALESCE(e.answers, 0) AS answers,
           COALESCE(e.weight, 0) AS evidence,
           CASE WHEN e.weight > 0 THEN e.weighted / e.weight ELSE 0 END AS mean,
           COALESCE(act.reviewers, 0) AS reviewers,
           CASE WHEN act.last_answered IS NULL OR act.last_scored >= act.last_answered
                THEN act.last_scored ELSE act.last_answered END AS last_active_at,
           CASE WHEN sc.skills = 0 THEN 1
                ELSE (COALESCE(l.level_sum, 0) + sc.skills - COALESCE(l.level_rows, 0)) / sc.skills
           END AS level,
           COALESCE(aw.points, 0) + {interaction_points} AS points
    FROM {persona} p  /* each persona of the slice scored in the attribute or standing in it */
    CROSS JOIN skill_count sc
    LEFT JOIN {standing} st ON st.persona_id = p.id AND st.attribute_id = %(attribute_id)s
    LEFT JOIN {tutorial} tp ON tp.persona_id = p.id AND tp.attribute_id = %(attribute_id)s
    LEFT JOIN evidence e ON e.persona_id = p.id
    LEFT JOIN activity act ON act.persona_id = p.id
    LEFT JOIN levels l ON l.persona_id = p.id
    LEFT JOIN awards aw ON aw.persona_id = p.id
    LEFT JOIN interactions i ON i.persona_id = p.id
    WHERE {reconciled_p} AND (act.persona_id IS NOT NULL OR st.id IS NOT NULL)
),
facts AS (  /* the slice's, as the live rating keeps them (4 decimals), then the others' as stored */
    SELECT persona_id, TRUE AS reconciled, listed, tutorial_tier, standing_id, stored_rating,
           stored_rated_at, stored_tier, stored_eligible, snapshot_on, answers, evidence, reviewers,
           last_active_at, level,
           CAST(ROUND(CAST(CASE WHEN evidence <= 0 THEN 0  /* a lower bound rising towards the mean */
                                WHEN mean - %(quality_doubt)s / SQRT(evidence) < 0 THEN 0
                                ELSE mean - %(quality_doubt)s / SQRT(evidence) END AS NUMERIC), 4)
                AS DOUBLE PRECISION) AS quality,
           CAST(ROUND(CAST(points AS NUMERIC), 4) AS DOUBLE PRECISION) AS points
    FROM reconciled
    UNION ALL
    SELECT p.id, FALSE, {listed},
           COALESCE(tp.tier, {stone}), {stored},
           st.answers, st.evidence, st.reviewers, st.last_active_at, st.level, st.quality, st.points
    FROM {standing} st
    JOIN {persona} p ON p.id = st.persona_id
    LEFT JOIN {tutorial} tp ON tp.persona_id = p.id AND tp.attribute_id = %(attribute_id)s
    WHERE st.attribute_id = %(attribute_id)s AND NOT {reconciled_p}
),
started AS (  /* where each stood when the day began */
    SELECT facts.*,
           CASE WHEN ev.id IS NULL THEN facts.stored_tier
                WHEN ev.from_tier <= {bronze} THEN ev.from_tier END AS start_tier,
           ev.id IS NOT NULL AS had_event,
           snap.rating AS snapshot_rating, snap.tier AS snapshot_tier, snap.rank AS snapshot_rank,
           CASE WHEN LN(1 + facts.points) / %(points_scale_ln)s > 1 THEN 1
                ELSE LN(1 + facts.points) / %(points_scale_ln)s END AS points_share
    FROM facts
    LEFT JOIN {event} ev
           ON ev.persona_id = facts.persona_id AND ev.attribute_id = %(attribute_id)s AND ev.day = %(day)s
    LEFT JOIN {snapshot} snap ON snap.persona_id = facts.persona_id
           AND snap.attribute_id = %(attribute_id)s AND snap.day = facts.snapshot_on
),
rated AS MATERIALIZED (  /* computed once a row: inlined, each use below would compute it again */
    SELECT started.*,
           ROUND(CAST({scale} * (
               %(weight_quality)s * quality / 10
               + %(weight_level)s * (level - 1) / {level_span}
               + %(weight_points)s * points_share
               + %(weight_tier)s * (10 - {rated_tier}) / 9.0
           ) AS NUMERIC), 2) AS computed_rating
    FROM started
)
SELECT persona_id, reconciled, standing_id, stored_tier, stored_eligible, start_tier, had_event,
       tutorial_tier, snapshot_rating, snapshot_tier, snapshot_rank, answers, reviewers, last_active_at,
       level, quality, ROUND(CAST(evidence AS NUMERIC), 4) AS evidence, points,
       moved AS rating_moved,
       CASE WHEN moved THEN CAST(computed_rating AS DOUBLE PRECISION) ELSE stored_rating END AS rating,
       CASE WHEN moved THEN %(as_of)s ELSE stored_rated_at END AS rated_at,
       listed AND tutorial_tier = {tutorial_done} AND reviewers >= %(min_reviewers)s
           AND last_active_at >= %(active_since)s AS eligible,
       CAST(NULL AS INTEGER) AS new_tier,
       CAST(NULL AS INTEGER) AS new_rank
FROM (
    SELECT rated.*,
           stored_rating IS NULL OR ABS(stored_rating - computed_rating) > {rating_moved} AS moved
    FROM rated
) moves
"""


# What `rate` needs formatted in, besides the tables and the tiers.
RATE_FORMAT = {
    "capped_kinds": ", ".join(_capped_kind(kind) for kind in INTERACTION_WEIGHTS),
    "interaction_points": _interaction_points(),
    **{f"reconciled_{alias}": reconciled_sql(f"{alias}.persona_id") for alias in ("a", "ps", "aw", "t")},
    "reconciled_p": reconciled_sql("p.id"),
    "stored": " ".join(STORED.split()),
    "listed": LISTED,
}
