"""core.json_validation: the one set of rules for JSON documents, and proof that every entry point (model
fields, their form fields, API parsers) uses it, including those of apps added later."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import get_resolver
from rest_framework.parsers import JSONParser

from core.api.parsers import ValidatedJSONParser
from core.fields import JSONField, JSONFormField
from core.json_validation import MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_INTEGER_DIGITS, json_parse, json_validate
from core.testing.hostile_input import HOSTILE_JSON_DOCUMENTS


@pytest.mark.parametrize(("document", "refusal"), HOSTILE_JSON_DOCUMENTS.values(), ids=HOSTILE_JSON_DOCUMENTS)
def test_hostile_documents_are_refused_with_a_clear_message(document, refusal):
    with pytest.raises(ValidationError) as error:
        json_parse(document)

    assert refusal in error.value.messages[0]


def test_the_message_says_where_and_names_the_top_level_key():
    with pytest.raises(ValidationError) as error:
        json_parse('{"traits": {"odd key": [1, "\\udfff"]}}')

    assert error.value.messages == [
        'The text contains an unpaired surrogate (U+DFFF) at $.traits["odd key"][1].'
    ]
    assert error.value.params["key"] == "traits"


def test_depth_is_found_before_parsing_and_names_the_top_level_key():
    document = '{"name": "[[[", "capabilities": {"x": ' + "[" * 5000

    with pytest.raises(ValidationError) as error:
        json_parse(document)

    assert error.value.messages == ["The JSON is nested deeper than 32 levels (line 1, column 69)."]
    assert error.value.params["key"] == "capabilities"


def test_the_limits_themselves_are_allowed():
    assert json_parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert json_parse("9" * MAX_INTEGER_DIGITS) == int("9" * MAX_INTEGER_DIGITS)
    assert json_parse('"' + "x" * (MAX_DOCUMENT_BYTES - 2) + '"')
    for beyond in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "9" * (MAX_INTEGER_DIGITS + 1)):
        with pytest.raises(ValidationError):
            json_parse(beyond)
    with pytest.raises(ValidationError, match="at most 65,536 are allowed"):
        json_parse('"' + "x" * (MAX_DOCUMENT_BYTES - 1) + '"')


@pytest.mark.parametrize(
    "document",
    [
        '["' + "[" * 5000 + '"]',
        '["\\"' + "{" * 100 + '"]',
        '{"emoji": "\\ud83d\\ude00", "float": -1.5e308, "text": "ünïcødé"}',
    ],
    ids=["brackets in a string", "after an escaped quote", "paired surrogates and big floats"],
)
def test_valid_documents_are_parsed_as_the_standard_library_does(document):
    assert json_parse(document) == json.loads(document)


def _nested(levels: int) -> list:
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        (_nested(100_000), "nested deeper than 32 levels"),
        ({"x": float("nan")}, "NaN is not allowed (JSON numbers are finite) at $.x."),
        ({"x": [float("inf")]}, "Infinity is not allowed (JSON numbers are finite) at $.x[0]"),
        ({"x": -(10**MAX_INTEGER_DIGITS)}, "more than 100 digits"),
        ({1: "one"}, "Object keys must be text"),
        ({"x": {1, 2}}, "A set is not a JSON value at $.x"),
        ({"x": "y" * MAX_DOCUMENT_BYTES}, "at most 65,536 are allowed"),
    ],
    ids=["nested 100,000 deep", "nan", "inf", "long int", "int key", "set", "too large"],
)
def test_values_in_memory_follow_the_same_rules(value, refusal):
    with pytest.raises(ValidationError) as error:
        json_validate(value)

    assert refusal in error.value.messages[0]


# Every entry point uses it, in every app


def _our_models():
    for model in apps.get_models():
        if str(apps.get_app_config(model._meta.app_label).path).startswith(str(settings.BASE_DIR)):
            yield model


def test_every_json_model_field_is_the_validating_one():
    json_fields = [
        field
        for model in _our_models()
        for field in model._meta.fields
        if isinstance(field, models.JSONField)
    ]

    assert json_fields, "the persona's traits and capabilities at least"
    assert [f for f in json_fields if not isinstance(f, JSONField)] == []
    assert all(isinstance(field.formfield(), JSONFormField) for field in json_fields)


def _views(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _views(pattern.url_patterns)
        elif view_class := getattr(pattern.callback, "cls", None):
            yield view_class


def test_every_api_view_parses_json_with_the_validating_parser():
    views = set(_views(get_resolver().url_patterns))
    parsers = {parser for view in views for parser in view.parser_classes if issubclass(parser, JSONParser)}

    assert parsers == {ValidatedJSONParser}
