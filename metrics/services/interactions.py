"""The entry point content/ calls when someone views, likes, comments on or shares a persona's work."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from metrics.models import InteractionKind, InteractionTally
from metrics.services.standings import standings_refresh
from persona.models import Persona


@transaction.atomic
def interaction_record(*, persona: Persona, actor, kind: str) -> bool:
    """Count one interaction and re-rate the persona; False when it does not count (the owner's own,
    or an anonymous visitor's: points count people, so they need an account)."""
    if kind not in InteractionKind.values:
        raise ValidationError({"kind": f"Choose one of: {', '.join(InteractionKind.values)}."})
    if not getattr(actor, "is_authenticated", False) or actor.pk == persona.owner_id:
        return False
    _tally(persona, actor, kind)
    standings_refresh(persona=persona)
    return True


def _tally(persona: Persona, actor, kind: str) -> None:
    """count + 1 in the database, creating the row on first use; a racing first use retries the update."""
    rows = InteractionTally.objects.filter(persona=persona, actor=actor, kind=kind)
    if rows.update(count=F("count") + 1, last_at=timezone.now()):
        return
    try:
        with transaction.atomic():
            InteractionTally.objects.create(persona=persona, actor=actor, kind=kind, count=1)
    except IntegrityError:
        rows.update(count=F("count") + 1, last_at=timezone.now())
