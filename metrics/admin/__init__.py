"""Admin of metrics: standings, snapshots and tier events (read-only), and proposals."""

from metrics.admin import voting  # noqa: F401
