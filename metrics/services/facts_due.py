"""Marks for the daily recalculation: personas whose rating facts changed behind the live rating's back
(a skill score deleted, by itself, with its answer or with its persona). The next run of each attribute
recomputes their facts from the scores instead of trusting the stored ones; marks expire once the
rotation of reconciled slices has covered every persona since."""

from django.db import connection
from django.utils import timezone

from metrics.models import FactsDue
from prompts.models import Answer

# One statement whatever the database: the answer's persona marked, or its mark renewed.
MARK_BY_ANSWER = f"""
INSERT INTO {FactsDue._meta.db_table} (persona_id, marked_at)
SELECT a.persona_id, %s FROM {Answer._meta.db_table} a WHERE a.id = %s
ON CONFLICT (persona_id) DO UPDATE SET marked_at = excluded.marked_at
"""


def facts_due_mark(*, answer_id: int) -> None:
    """The persona of the answer is due a reconciliation (its answer still exists when its scores go:
    deletions take the scores first)."""
    with connection.cursor() as cursor:
        cursor.execute(MARK_BY_ANSWER, [timezone.now(), answer_id])
