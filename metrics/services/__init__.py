"""Every write to metrics data goes through these functions."""

from metrics.services.facts_due import facts_due_mark
from metrics.services.interactions import interaction_record
from metrics.services.performance import performance_forget, performance_record
from metrics.services.recalculation import (
    RecalculationBusy,
    standings_recalculate,
    standings_recalculate_all,
)
from metrics.services.standings import standings_forget, standings_refresh
from metrics.services.voting import proposal_create, proposal_results, vote_cast

__all__ = [
    "RecalculationBusy",
    "facts_due_mark",
    "interaction_record",
    "performance_forget",
    "performance_record",
    "proposal_create",
    "proposal_results",
    "standings_forget",
    "standings_recalculate",
    "standings_recalculate_all",
    "standings_refresh",
    "vote_cast",
]
