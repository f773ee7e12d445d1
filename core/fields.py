"""The JSON model field every app uses, and its form field: both apply core.json_validation, so a value is
checked the same way whether it comes from a page, the admin, the API or a service call."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput, JSONString

from core.json_validation import MAX_DOCUMENT_BYTES, json_parse, json_validate


class JSONFormField(forms.JSONField):
    """Django's JSON form field (the admin's too) parses with plain json.loads: it accepts NaN and raises a
    RecursionError or a ValueError (not a form error) on deep nesting or a 5,000-digit integer."""

    def to_python(self, value):
        if self.disabled or not isinstance(value, str) or value in self.empty_values:
            return super().to_python(value)
        converted = json_parse(value)
        return JSONString(converted) if isinstance(converted, str) else converted

    def bound_data(self, data, initial):
        """Re-display what was typed when it is refused (Django would parse it again, unchecked)."""
        if self.disabled or data is None:
            return super().bound_data(data, initial)
        try:
            return json_parse(data)
        except ValidationError:
            return InvalidJSONInput(data)


class JSONField(models.JSONField):
    """A JSONField whose values must pass json_validate; `full_clean()` checks it before Django's own
    validation, which serializes the value recursively and lets NaN through to PostgreSQL. `max_bytes`
    raises the size cap for documents that are large by nature (a Character Card's lorebook)."""

    def __init__(self, *args, max_bytes: int = MAX_DOCUMENT_BYTES, **kwargs):
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.max_bytes != MAX_DOCUMENT_BYTES:
            kwargs["max_bytes"] = self.max_bytes
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        json_validate(value, max_bytes=self.max_bytes)
        super().validate(value, model_instance)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": JSONFormField, **kwargs})
