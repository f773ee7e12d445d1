"""Every write to metrics data goes through these functions."""

from metrics.services.interactions import interaction_record
from metrics.services.standings import standings_forget, standings_refresh

__all__ = ["interaction_record", "standings_forget", "standings_refresh"]
