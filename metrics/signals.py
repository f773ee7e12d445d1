"""What metrics announces; notifications (content/) will listen.

tier_changed(attribute, day, changes)
    after the daily recalculation of an attribute committed, with the tiers it changed, in batches:
    `changes` is a list of AnnouncedChange(persona, from_tier, to_tier), so a listener
    writes a batch at once (a first run at a million personas changes tens of thousands).
proposal_opened(proposal)
    after a moderator opened a proposal (its choices saved), inside the opening transaction.
"""

from dataclasses import dataclass

from django.dispatch import Signal

from metrics.tiers import Tier
from persona.models import Persona


@dataclass(frozen=True)
class AnnouncedChange:
    """One tier change, as `tier_changed` hands it over."""

    persona: Persona
    from_tier: Tier
    to_tier: Tier


tier_changed = Signal()
proposal_opened = Signal()
