def register(router):
    """Filled in by the persona API."""
