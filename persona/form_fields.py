"""Form fields of a persona's behaviour, edited without JSON: traits as named sliders from 0 to 1, and
capabilities as a list of labels. The API keeps taking and giving the JSON objects."""

import json
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

MAX_TRAITS = 30
BLANK_TRAIT_ROWS = 2  # without JavaScript, room for new traits; with it, "Add a trait" makes more
MAX_TRAIT_NAME = 50


class TraitsWidget(forms.Widget):
    """Rows of a trait name and a number input from 0 to 1 (a slider once static/js/yayay.js runs),
    sent as the lists `<name>-name` and `<name>-value`."""

    template_name = "persona/widgets/traits.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = list(value.items()) if isinstance(value, dict) else list(value or [])
        rows = [(str(trait), "" if score is None else str(score)) for trait, score in rows]
        rows += [("", "")] * BLANK_TRAIT_ROWS
        context["widget"]["rows"] = rows[:MAX_TRAITS]
        context["widget"]["max_rows"] = MAX_TRAITS
        return context

    def value_from_datadict(self, data, files, name):
        if not hasattr(data, "getlist"):
            return data.get(name)
        return list(zip(data.getlist(f"{name}-name"), data.getlist(f"{name}-value"), strict=False))

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-name" not in data

    def id_for_label(self, id_):
        return f"{id_}_name_1" if id_ else id_


class TraitsField(forms.Field):
    """A dict of trait name to a number between 0 and 1; rows without a name are left out."""

    widget = TraitsWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        return value if isinstance(value, dict | list) else {}

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        traits = {}
        for raw_name, raw_score in value or []:
            name = (raw_name or "").strip()
            if not name:
                continue
            if name in traits:
                raise ValidationError(f"“{name}” is there twice; give each trait one row.")
            if len(name) > MAX_TRAIT_NAME:
                raise ValidationError(f"Trait names have at most {MAX_TRAIT_NAME} characters.")
            traits[name] = _score(name, raw_score)
        if len(traits) > MAX_TRAITS:
            raise ValidationError(f"At most {MAX_TRAITS} traits.")
        return traits


def _score(name: str, raw: str) -> float:
    try:
        score = Decimal((raw or "").strip())
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite() or not 0 <= score <= 1:
        raise ValidationError(f"Give “{name}” a value from 0 to 1, for example 0.7.")
    return float(score)


class CapabilityLabelsWidget(forms.Widget):
    """One text box per capability label, sent as a list under the field's name."""

    template_name = "persona/widgets/labels.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = [label for label in (value or []) if label]
        context["widget"]["labels"] = [*labels, "", ""]
        return context

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def id_for_label(self, id_):
        return f"{id_}_1" if id_ else id_


class CapabilitiesField(forms.Field):
    """Capabilities as labels: "writing" means writing: yes; "languages: en, fr" gives a list; "x: no"
    says it cannot. What the API stored in other shapes shows as the same words and is kept as it was
    while its words are not edited (PersonaForm.clean_capabilities)."""

    widget = CapabilityLabelsWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return [capability_label(name, item) for name, item in value.items()]
        return value if isinstance(value, list) else []

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        items = value if isinstance(value, list) else [value]
        capabilities = {}
        for label in items:
            if isinstance(label, str) and label.strip():
                name, item = _parse_label(label)
                capabilities[name] = item
        return capabilities


def capability_label(name: str, value) -> str:
    """How a capability reads as a label (the inverse of _parse_label)."""
    if value is True:
        return name
    if value is False:
        return f"{name}: no"
    if isinstance(value, list):
        return f"{name}: {', '.join(str(item) for item in value)}"
    if isinstance(value, dict):
        return f"{name}: {', '.join(f'{key} {item}' for key, item in value.items())}"
    return f"{name}: {value}"


def _parse_label(label: str) -> tuple[str, object]:
    name, _, detail = (part.strip() for part in label.partition(":"))
    if not name:
        raise ValidationError(f"“{label.strip()}” needs a name before the colon.")
    if not detail or detail.lower() == "yes":
        return name, True
    if detail.lower() == "no":
        return name, False
    if "," in detail:
        return name, [item.strip() for item in detail.split(",") if item.strip()]
    return name, detail


def same_capability(old, new) -> bool:
    """Whether a capability's label is unchanged, whatever JSON shape the old value had."""
    return capability_label("", old) == capability_label("", new) or json.dumps(old) == json.dumps(new)
