"""Admin of metrics: standings, snapshots and tier events (read-only), and proposals."""

from metrics.admin import (
    standings,  # noqa: F401 (registers its admins)
    voting,  # noqa: F401
)
