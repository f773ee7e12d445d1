import logging

ACTIVITY_FIELDS = ("event", "persona_id", "actor_id")


class ActivityFormatter(logging.Formatter):
    """Appends the activity fields (`extra={"event": ..., "persona_id": ..., "actor_id": ...}`) when given."""

    def format(self, record):
        line = super().format(record)
        fields = [f"{name}={getattr(record, name)}" for name in ACTIVITY_FIELDS if hasattr(record, name)]
        return " ".join([line, *fields])
