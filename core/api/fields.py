from rest_framework import serializers

from core.json_validation import json_parse, json_validate


class JSONField(serializers.JSONField):
    """DRF's JSONField parses a form value (multipart) with plain json.loads, a 500 on deep nesting that
    lets NaN through; this one parses and checks every value with core.json_validation."""

    def to_internal_value(self, data):
        if self.binary or getattr(data, "is_json_string", False):
            return json_parse(data)
        json_validate(data)
        return data
