"""What metrics announces; notifications (content/) will listen.

tier_changed(persona, attribute, from_tier, to_tier, day)
    once per persona and attribute whose tier the daily recalculation changed, after it committed.
proposal_opened(proposal)
    after a moderator opened a proposal (its choices saved), inside the opening transaction.
"""

from django.dispatch import Signal

tier_changed = Signal()
proposal_opened = Signal()
