"""Receivers of persona and leveling signals: each a call to a metrics service."""

from metrics.services import standings_forget, standings_refresh

PLACEMENT_FIELDS = {"visibility", "status"}


def refresh_after_progress(sender, persona, **kwargs):
    standings_refresh(persona=persona)


def refresh_after_edit(sender, persona, changed_fields, **kwargs):
    """A persona made private or archived leaves the live boards at once (and comes back likewise)."""
    if changed_fields & PLACEMENT_FIELDS:
        standings_refresh(persona=persona)


def forget_deleted(sender, persona, **kwargs):
    standings_forget(persona=persona)


def refresh_after_undelete(sender, persona, **kwargs):
    standings_refresh(persona=persona)
