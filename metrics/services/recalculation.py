"""The daily recalculation of one attribute: every rating recomputed in the database, the bands cut,
the ranked tiers promoted and demoted, snapshots and tier events written (metrics.services.
recalculation_sql holds the SQL and says what each step does). Celery runs the four attributes as a
group (metrics.tasks); `manage.py recalculate_ratings` runs them by hand.

- One transaction per attribute: a crash half-way leaves the previous standings as they were.
- A lock per attribute and day (the run's row, locked without waiting): a second worker starting the
  same recalculation gets RecalculationBusy and changes nothing.
- Running it twice for a day gives the same result: each run starts from the tiers the day began with.
- The facts a rating rests on are those the live rating stored (metrics.services.standings keeps them in
  the scoring transaction), recomputed from the scores for one persona in METRICS_RECONCILE_DAYS each day
  and for those that lost a score since the last run, and for everyone on an attribute's first run or
  with `reconcile_all` (after a bulk import or a change of policy).
- Bulk writes send no model signals. After commit: each tier change is announced once (tier_changed,
  in batches), the live positions of the members the run moved are updated (the whole set rebuilt when
  it moved many, or when the set holds fewer or more members than compete), the boards' cached orders
  dropped and the ranked tiers' sizes (the voting weights) counted again.

At hundreds of millions of personas the same statements would split further by persona id range;
today one attribute is one task.
"""

import logging
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from core.exceptions import ConflictError
from leveling.models import Attribute
from metrics import signals
from metrics.board_cache import boards_invalidate
from metrics.models import RecalculationRun, Standing
from metrics.policy import metrics_policy
from metrics.positions import REBUILD_BATCH, live_positions, sort_score_sql
from metrics.services.recalculation_sql import (
    AFTER_COMMIT_STEPS,
    POSTGRESQL_ONLY,
    STEPS,
    TEMPORARY,
    competing_sql,
    recalculation_params,
    shown_tier,
    step_sql,
)
from metrics.tiers import Tier
from persona.models import Persona

logger = logging.getLogger(__name__)
Progress = Callable[[str], None]
# What `progress` hears, in order: the statements, the changes read back, the after-commit work.
PROGRESS_STEPS = [name for name, _ in STEPS] + ["changes"] + [name for name, _ in AFTER_COMMIT_STEPS]
CHANGES_LISTED = 20  # tier changes a summary names one by one
SIGNAL_BATCH = 2000
# Beyond this many moved members (a first run, a new policy), rebuilding a live-position set whole is
# cheaper than updating it member by member.
POSITIONS_MOVED_LIMIT = 100_000
MOVED_BATCH = 1000  # moved members read back per query (SQLite bounds a statement's parameters)
# Facts marked due shortly before the last run started may have been committed after it read them.
DUE_MARGIN = timedelta(hours=1)


class RecalculationBusy(ConflictError):
    """Another worker is recalculating this attribute for this day right now."""


@dataclass(frozen=True)
class TierChange:
    persona_id: int
    from_tier: Tier
    to_tier: Tier

    @property
    def kind(self) -> str:
        placed_before, placed_after = self.from_tier <= Tier.BRONZE, self.to_tier <= Tier.BRONZE
        if not placed_before:
            return "entered"
        if not placed_after:
            return "left"
        if self.to_tier.is_ranked and self.to_tier < self.from_tier:
            return "promotion"
        if self.from_tier.is_ranked and self.to_tier > self.from_tier:
            return "demotion"
        return "band_move"


@dataclass
class RecalculationSummary:
    attribute: Attribute
    day: date
    rated: int = 0  # standings computed
    reconciled: int = 0  # of them, those whose facts were recomputed from the scores
    written: int = 0  # standings updated or created (the others did not change)
    snapshots: int = 0
    changes: list[TierChange] = field(default_factory=list)
    seconds: float = 0.0
    # For the live positions: whose place may have moved (None: too many, the set is rebuilt), and how
    # many compete for the bands once the run commits.
    positions_moved: list[int] | None = None
    competing: int = 0

    def count(self, kind: str) -> int:
        return sum(change.kind == kind for change in self.changes)

    def as_dict(self) -> dict:
        kinds = ("promotion", "demotion", "band_move", "entered", "left")
        return {
            "attribute": self.attribute.slug,
            "day": self.day.isoformat(),
            "rated": self.rated,
            "reconciled": self.reconciled,
            "written": self.written,
            "snapshots": self.snapshots,
            **{f"{kind}s": self.count(kind) for kind in kinds},
            "seconds": round(self.seconds, 3),
        }


def standings_recalculate(
    *,
    attribute: Attribute,
    day: date | None = None,
    progress: Progress | None = None,
    reconcile_all: bool = False,
) -> RecalculationSummary:
    """Recalculate one attribute for `day` (today, UTC, by default); `progress(step)` is called before
    each step; `reconcile_all` recomputes every persona's facts from the scores, not only today's
    slice. Raises RecalculationBusy when another worker holds the lock."""
    day = day or timezone.now().date()
    started, progress = clock.monotonic(), progress or (lambda step: None)
    summary = RecalculationSummary(attribute=attribute, day=day)
    last_started = _last_run_started(attribute)
    reconcile_all = reconcile_all or last_started is None
    params = _params(attribute, day, reconcile_all, due_since=last_started and last_started - DUE_MARGIN)
    run = _run_started(attribute, day)
    try:
        with transaction.atomic():
            _lock(run, attribute)
            _run_steps(summary, params, progress)
            progress("changes")
            summary.changes = _tier_changes()
            summary.positions_moved, summary.competing = _positions_moved(params)
            _execute(f"DROP TABLE {TEMPORARY}", {})
            summary.seconds = clock.monotonic() - started
            _run_finished(run, RecalculationRun.Status.DONE, summary.as_dict())
    except RecalculationBusy:
        raise
    except Exception as error:
        _run_finished(run, RecalculationRun.Status.FAILED, {"error": f"{type(error).__name__}: {error}"})
        raise
    _after_commit(summary, params, progress)
    logger.info("ratings recalculated", extra=summary.as_dict())
    return summary


def standings_recalculate_all(*, day: date | None = None, progress: Progress | None = None):
    """Every attribute, one after the other, in this process (the demo data, the benchmark's build)."""
    return [
        standings_recalculate(attribute=attribute, day=day, progress=progress)
        for attribute in Attribute.objects.all()
    ]


def _last_run_started(attribute: Attribute) -> datetime | None:
    """When the attribute's last finished run started (until one finished, no stored fact is trusted)."""
    done = RecalculationRun.objects.filter(attribute=attribute, status=RecalculationRun.Status.DONE)
    return done.order_by("-started_at").values_list("started_at", flat=True).first()


def _params(attribute: Attribute, day: date, reconcile_all: bool, *, due_since: datetime | None) -> dict:
    """The statements' parameters, adapted to this database (SQLite keeps dates as text)."""
    params = recalculation_params(
        attribute_id=attribute.pk,
        day=day,
        as_of=_as_of(day),
        policy=metrics_policy(),
        reconcile_all=reconcile_all,
        due_since=due_since,
    )
    operations = connection.ops
    for name, value in params.items():
        if isinstance(value, datetime):
            params[name] = operations.adapt_datetimefield_value(value)
        elif isinstance(value, date):
            params[name] = operations.adapt_datefield_value(value)
    return params


def _as_of(day: date) -> datetime:
    """The moment the day's standings describe: now, or the end of a past day."""
    return min(timezone.now(), datetime.combine(day, time.max, tzinfo=UTC))


def _run_started(attribute: Attribute, day: date) -> RecalculationRun:
    run, _ = RecalculationRun.objects.get_or_create(attribute=attribute, day=day)
    # A run in progress keeps its own start; a finished or failed one starts over.
    runs = RecalculationRun.objects.filter(pk=run.pk).exclude(status=RecalculationRun.Status.RUNNING)
    runs.update(status=RecalculationRun.Status.RUNNING, started_at=timezone.now(), finished_at=None)
    return run


def _lock(run: RecalculationRun, attribute: Attribute) -> None:
    try:
        RecalculationRun.objects.select_for_update(nowait=True).filter(pk=run.pk).exists()
    except DatabaseError as error:
        message = f"{attribute} is being recalculated for {run.day} by another worker."
        raise RecalculationBusy(message) from error


def _run_finished(run: RecalculationRun, status: str, summary: dict) -> None:
    RecalculationRun.objects.filter(pk=run.pk).update(
        status=status, finished_at=timezone.now(), summary=summary
    )


def _run_steps(summary: RecalculationSummary, params: dict, progress: Progress) -> None:
    for name, _ in STEPS:
        progress(name)
        if name in POSTGRESQL_ONLY and connection.vendor != "postgresql":
            continue
        rows = _execute(step_sql(name), params)
        if name == "analyze":
            summary.rated, summary.reconciled = _count_rated()
        elif name in ("update_standings", "insert_standings"):
            summary.written += rows
        elif name == "write_snapshots":
            summary.snapshots = rows


def _execute(sql: str, params: dict) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _count_rated() -> tuple[int, int]:
    """(standings computed, of them reconciled)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), COUNT(CASE WHEN reconciled THEN 1 END) FROM {TEMPORARY}")
        rated, reconciled = cursor.fetchone()
        return rated, reconciled


def _tier_changes() -> list[TierChange]:
    """The tiers this run changed (a rerun that changes nothing announces nothing)."""
    before, after = shown_tier("stored_tier", "tutorial_tier"), shown_tier("new_tier", "tutorial_tier")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT persona_id, {before}, {after} FROM {TEMPORARY} "
            "WHERE new_tier IS DISTINCT FROM stored_tier ORDER BY persona_id"
        )
        return [TierChange(persona_id, Tier(old), Tier(new)) for persona_id, old, new in cursor.fetchall()]


def _after_commit(summary: RecalculationSummary, params: dict, progress: Progress) -> None:
    attribute = summary.attribute
    for name, _ in AFTER_COMMIT_STEPS:
        progress(name)
        with transaction.atomic():
            _execute(step_sql(name), params)
    _positions_update(summary)
    boards_invalidate(attribute.pk)
    _announce(summary)


def _positions_moved(params: dict) -> tuple[list[int] | None, int]:
    """(the personas whose live place this run may have moved, or None when there are too many to
    update one by one; how many compete for the bands after it)."""
    with connection.cursor() as cursor:
        cursor.execute(step_sql("positions_moved"), {**params, "moved_limit": POSITIONS_MOVED_LIMIT + 1})
        moved = [persona_id for (persona_id,) in cursor.fetchall()]
        cursor.execute(step_sql("competing_count"), params)
        competing = cursor.fetchone()[0]
    return (None if len(moved) > POSITIONS_MOVED_LIMIT else moved), competing


def _positions_update(summary: RecalculationSummary) -> None:
    """The live positions follow the run: only the members it moved are placed again or removed (a
    live change since is read as it now stands). A set that does not hold as many members as compete
    (Redis restarted, or lost an update) is rebuilt whole, as it is when the run moved too many. Without
    a set (the standings themselves are the order) there is nothing to follow."""
    attribute_id, positions = summary.attribute.pk, live_positions()
    if not positions.keeps_members:
        return
    moved = summary.positions_moved
    if moved is not None:
        for start in range(0, len(moved), MOVED_BATCH):
            batch = moved[start : start + MOVED_BATCH]
            positions.replace(attribute_id, batch, dict(_competing_scores(attribute_id, batch)))
        if positions.holds(attribute_id, summary.competing):
            return
    positions.rebuild(attribute_id, _competing_scores(attribute_id))


def _competing_scores(attribute_id: int, persona_ids: list[int] | None = None):
    """(persona id, sort score) of those competing for the bands (among `persona_ids`, if given): the
    database computes the scores (metrics.positions.sort_score_sql) and hands over plain pairs."""
    score = sort_score_sql("rating", "rated_at", connection.vendor)
    sql = (
        f"SELECT persona_id, {score} FROM {Standing._meta.db_table} "
        f"WHERE attribute_id = %s AND {competing_sql('eligible', 'tier')}"
    )
    if persona_ids is not None:
        sql += f" AND persona_id IN ({', '.join(['%s'] * len(persona_ids))})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [attribute_id, *(persona_ids or [])])
        while rows := cursor.fetchmany(REBUILD_BATCH):
            yield from rows


def _announce(summary: RecalculationSummary) -> None:
    if not signals.tier_changed.has_listeners():
        return
    for start in range(0, len(summary.changes), SIGNAL_BATCH):
        batch = summary.changes[start : start + SIGNAL_BATCH]
        personas = Persona.all_objects.in_bulk([change.persona_id for change in batch])
        announced = [
            signals.AnnouncedChange(personas[change.persona_id], change.from_tier, change.to_tier)
            for change in batch
        ]
        signals.tier_changed.send(
            sender=Standing, attribute=summary.attribute, day=summary.day, changes=announced
        )
