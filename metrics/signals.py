"""What metrics announces; notifications (content/) will listen.

tier_changed(persona, attribute, from_tier, to_tier, day)
    once per persona and attribute whose tier the daily recalculation changed, after it committed.
"""

from django.dispatch import Signal

tier_changed = Signal()
