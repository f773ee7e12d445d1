"""The history timeline of a persona: each version, who made it and when, and what changed."""

import json
import os
from dataclasses import dataclass, field

from django.utils.text import Truncator

from persona import rules
from persona.form_fields import capability_label
from persona.models import DEFINITION_FIELDS, EDITABLE_FIELDS, Persona, Status, Visibility
from persona.services.lifecycle import RESTORABLE_FIELDS

HISTORY_LIMIT = 20
DIFFED_FIELDS = (*EDITABLE_FIELDS, "is_default")
NOT_DIFFED = ("updated_at", "created_at")
LABELS = {
    "ai_link": "AI link",
    "personality_traits": "Personality traits",
    "is_default": "Default persona",
    "definitions_hidden": "Definitions hidden",
}
CHOICE_LABELS = {"visibility": dict(Visibility.choices), "status": dict(Status.choices)}
CHANGE_VERBS = {"+": "Created", "~": "Changed", "-": "Removed"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    hidden: bool = False


@dataclass
class Version:
    record: object
    title: str
    is_current: bool
    changes: list[FieldChange] = field(default_factory=list)


def persona_timeline(*, persona: Persona, user) -> list[Version]:
    """The newest versions first, each compared with the one before it."""
    records = list(
        persona.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : HISTORY_LIMIT + 1
        ]
    )
    versions = []
    for index, record in enumerate(records[:HISTORY_LIMIT]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None:
            delta = record.diff_against(older, excluded_fields=NOT_DIFFED)
            show_definitions = rules.can_view_definitions_in(user, persona, [older, record])
            changes = _changes(delta, show_definitions=show_definitions)
        versions.append(
            Version(
                record=record,
                title=record.history_change_reason or CHANGE_VERBS.get(record.history_type, "Changed"),
                is_current=not versions,
                changes=changes,
            )
        )
    return versions


def version_changes_from_current(*, persona: Persona, version, user) -> list[FieldChange]:
    """What restoring `version` would change: the current value as "old", the version's as "new"
    (only the fields a restore brings back)."""
    current = persona.history.order_by("-history_date", "-history_id").first()
    delta = version.diff_against(current, included_fields=list(RESTORABLE_FIELDS))
    show_definitions = rules.can_view_definitions_in(user, persona, [version, current])
    return _changes(delta, show_definitions=show_definitions)


def _changes(delta, *, show_definitions: bool) -> list[FieldChange]:
    changes = []
    shown = [change for change in delta.changes if change.field in DIFFED_FIELDS]
    for change in sorted(shown, key=lambda c: DIFFED_FIELDS.index(c.field)):
        hidden = change.field in DEFINITION_FIELDS and not show_definitions
        changes.append(
            FieldChange(
                label=LABELS.get(change.field, change.field.replace("_", " ").capitalize()),
                old="" if hidden else _display(change.field, change.old),
                new="" if hidden else _display(change.field, change.new),
                hidden=hidden,
            )
        )
    return changes


def _display(name: str, value) -> str:
    if name in CHOICE_LABELS:
        return str(CHOICE_LABELS[name].get(value, value))
    if name == "image":
        return os.path.basename(str(value)) if value else "(no image)"
    if name == "personality_traits" and isinstance(value, dict):
        return ", ".join(f"{trait} {score:.2f}" for trait, score in sorted(value.items())) or "(none)"
    if name == "capabilities" and isinstance(value, dict):
        return "; ".join(capability_label(key, item) for key, item in value.items()) or "(none)"
    if isinstance(value, dict | list):
        return (
            Truncator(json.dumps(value, ensure_ascii=False, sort_keys=True)).chars(240) if value else "(none)"
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value in (None, ""):
        return "(empty)"
    return Truncator(str(value)).chars(240)
