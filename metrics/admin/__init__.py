"""Admin of metrics: standings, snapshots and tier events (read-only), and proposals."""
