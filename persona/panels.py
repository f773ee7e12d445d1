"""Sections other apps add to a persona's pages without persona importing them (metrics adds the
persona's standings). An app registers, from its AppConfig.ready, a provider for a slot:
"detail" (the persona's page) or "progress" (leveling's progress page). A provider takes
(request, persona) and returns {"template": name, **what it shows} or None to show nothing; the
template reads what it shows as `panel.<key>`."""

from collections.abc import Callable

SLOTS = ("detail", "progress")
_providers: dict[str, list[Callable]] = {slot: [] for slot in SLOTS}


def panel_register(slot: str, provider: Callable) -> None:
    if slot not in _providers:
        raise ValueError(f"Unknown panel slot {slot!r}; slots: {', '.join(SLOTS)}.")
    if provider not in _providers[slot]:
        _providers[slot].append(provider)


def panels_for(slot: str, request, persona) -> list[dict]:
    """What each provider of the slot shows for this persona (which the visitor may already see)."""
    return [panel for provider in _providers[slot] if (panel := provider(request, persona)) is not None]
