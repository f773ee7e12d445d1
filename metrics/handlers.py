"""Receivers of persona and leveling signals: each a call to a metrics service."""

from metrics.services import facts_due_mark, standings_forget, standings_refresh

PLACEMENT_FIELDS = {"visibility", "status"}


def refresh_after_progress(sender, persona, **kwargs):
    standings_refresh(persona=persona)


def refresh_after_edit(sender, persona, changed_fields, **kwargs):
    """A persona made private or archived leaves the live boards at once (and comes back likewise)."""
    if changed_fields & PLACEMENT_FIELDS:
        standings_refresh(persona=persona)


def facts_due_after_score_deleted(sender, instance, **kwargs):
    """A deleted score leaves its persona's stored facts behind: the next daily run recomputes them."""
    facts_due_mark(answer_id=instance.answer_id)


def forget_deleted(sender, persona, **kwargs):
    standings_forget(persona=persona)


def refresh_after_undelete(sender, persona, **kwargs):
    standings_refresh(persona=persona)
