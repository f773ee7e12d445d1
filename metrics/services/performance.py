"""How content performs: content/ reports each interaction that counts (or no longer counts), and the
item's totals, the persona's day and its popularity follow, in the caller's transaction. Counters move
in the database (F() updates), so concurrent interactions all count."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, FloatField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from metrics.engagement import COUNTERS
from metrics.models import InteractionMetrics, PerformanceMetrics
from metrics.rating import INTERACTION_WEIGHTS
from persona.models import Persona


@transaction.atomic(savepoint=False)
def performance_record(
    *, persona: Persona, item_id: int, kind: str, change: int = 1, day: date | None = None
):
    """Count one interaction of `kind` with the item (`change=-1` takes one back: a like withdrawn, a
    comment hidden), on `day` (today by default; the day it was made when taking it back)."""
    if kind not in COUNTERS or change not in (1, -1):
        raise ValidationError({"kind": f"Choose one of: {', '.join(COUNTERS)}; change is 1 or -1."})
    counter = COUNTERS[kind]
    _add(PerformanceMetrics, {"item_id": item_id}, {"persona": persona}, counter, change)
    _add(InteractionMetrics, {"persona": persona, "day": day or timezone.localdate()}, {}, counter, change)
    _refresh_popularity(persona)


@transaction.atomic(savepoint=False)
def performance_forget(*, persona: Persona, item_id: int) -> None:
    """A deleted item no longer makes its persona popular; its days keep what happened."""
    PerformanceMetrics.objects.filter(item_id=item_id).delete()
    _refresh_popularity(persona)


def _add(model, keys: dict, defaults: dict, counter: str, change: int) -> None:
    """counter + change in the database, creating the row on first use; a racing first use retries the
    update. Taking back what was never counted (a row missing, or at 0) changes nothing."""
    rows = model.objects.filter(**keys)
    if change < 0:
        rows.filter(**{f"{counter}__gt": 0}).update(**{counter: F(counter) + change})
        return
    if rows.update(**{counter: F(counter) + change}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **defaults, **{counter: change})
    except IntegrityError:
        rows.update(**{counter: F(counter) + change})


def _refresh_popularity(persona: Persona) -> None:
    """Persona.popularity_score from its items' totals, in one UPDATE (metrics.engagement)."""
    weighted = sum(
        (F(COUNTERS[kind]) * Value(weight) for kind, weight in INTERACTION_WEIGHTS.items()),
        start=Value(0.0),
    )
    totals = (
        PerformanceMetrics.objects.filter(persona=OuterRef("pk"))
        .order_by()
        .values("persona")
        .annotate(score=Sum(weighted, output_field=FloatField()))
        .values("score")
    )
    Persona.all_objects.filter(pk=persona.pk).update(
        popularity_score=Coalesce(Subquery(totals), Value(0.0), output_field=FloatField())
    )
