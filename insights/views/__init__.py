"""Pages of the insights app, one module per page family."""
