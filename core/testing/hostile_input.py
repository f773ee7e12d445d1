"""Input that once answered 500 (issue 6), in one place: the regression tests of every entry point use
these cases, and the schema fuzz (core/tests/test_api_schema.py) sends each to every API operation."""

import copy
import json

# JSON text of one value, and a phrase of the message that refuses it.
HOSTILE_JSON_VALUES = {
    # Deeper than the 1,000: Hypothesis raises the recursion limit while it runs a test.
    "nested 5,000 deep": ("[" * 5000 + "]" * 5000, "nested deeper than 32 levels"),
    "NaN": ("NaN", "NaN is not allowed"),
    "-Infinity": ("-Infinity", "-Infinity is not allowed"),
    "1e999": ("1e999", "The number 1e999 is out of range"),
    "5,000-digit integer": ("1" * 5000, "An integer of 5000 digits is too long"),
    "lone surrogate": ('"\\udfff"', "unpaired surrogate (U+DFFF)"),
    "NUL character": ('"nul\\u0000here"', "NUL character"),
}

# Whole documents as typed into a JSON field (pages, admin): 5,000 open brackets, and each value above.
HOSTILE_JSON_DOCUMENTS = {
    "5,000 open brackets": ("[" * 5000, "nested deeper than 32 levels"),
    **{name: (f'{{"x": {text}}}', refusal) for name, (text, refusal) in HOSTILE_JSON_VALUES.items()},
}

# Percent-encoded path segments: a NUL, an unpaired surrogate's bytes, a digit int() refuses, an id
# beyond BIGINT.
HOSTILE_PATH_SEGMENTS = ["%00", "%ED%BF%BF", "%C2%B2", "9" * 30]

# Numbers in a query: a Unicode digit that str.isdigit() accepts and int() refuses, an id beyond BIGINT.
HOSTILE_QUERY_NUMBERS = ["²", "9" * 30]

HOSTILE_HEADER = "X-Hostile-Input"  # marks a case whose input must be refused; it shows in a failure's curl
FORM_MEDIA_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_PLACEHOLDER = "\x01hostile\x01"


# The schema fuzz: a schemathesis hook and check.


def before_add_examples(ctx, examples):
    """Every operation's first example also comes back carrying each hostile input, once in each place
    it can go: explicit examples run on every run whatever the seed, so no class is left to chance."""
    if examples:
        examples.extend(_hostile_variants(examples[0]))


def _hostile_variants(case):
    """The case with one hostile input in one place; those marked refused must answer a 4xx."""
    for name in sorted(case.path_parameters):
        for segment in HOSTILE_PATH_SEGMENTS:
            yield _derived(case, path_parameters={**case.path_parameters, name: segment})
    for name, value in _hostile_query(case.operation):
        yield _derived(case, refuse="\x00" in value, query={**case.query, name: value})
    yield from _hostile_bodies(case)


def _hostile_query(operation):
    types = {
        parameter.name: parameter.definition.get("schema", {}).get("type") for parameter in operation.query
    }
    if types:  # the middleware refuses NUL in any parameter; in a documented one it would reach a view
        yield next(iter(types)), "a\x00b"
    # Text where a number goes must not crash a view; it need not be refused (DRF ignores a bad page_size).
    for name in (name for name, kind in types.items() if kind in ("integer", "number")):
        yield from ((name, value) for value in HOSTILE_QUERY_NUMBERS)


def _hostile_bodies(case):
    values = [text for text, _ in HOSTILE_JSON_VALUES.values()]
    if case.media_type == "application/json":
        # The whole body, and a value inside each object field: those are stored as JSON.
        fields = _body_fields(case.operation, case.media_type)
        objects = [(name, "x") for name, kind in fields.items() if kind == "object"]
        for path in [(), *(objects if isinstance(case.body, dict) else [])]:
            yield from (_derived(case, body=_json_with(case.body, path, text)) for text in values)
    media_type, fields = _form_fields(case.operation)
    if fields:
        yield _derived(case, media_type=media_type, body={next(iter(fields)): "nul\x00here"})
    # A form field may carry a JSON document (the multipart `prompts`).
    for name in (name for name, kind in fields.items() if kind in ("object", "array")):
        yield from (_derived(case, media_type=media_type, body={name: text}) for text in values)


def _form_fields(operation) -> tuple[str | None, dict]:
    """The first form media type the operation documents, and its fields (the others reach the same)."""
    for media_type in FORM_MEDIA_TYPES:
        if fields := _body_fields(operation, media_type):
            return media_type, fields
    return None, {}


def _body_fields(operation, media_type: str) -> dict[str, str | None]:
    """The fields an operation documents for a media type, with their JSON types."""
    content = operation.definition.raw.get("requestBody", {}).get("content", {})
    body = content.get(media_type, {}).get("schema", {})
    if "$ref" in body:
        body = operation.schema.raw_schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    return {name: field.get("type") for name, field in body.get("properties", {}).items()}


def _derived(case, *, refuse: bool = True, **changes):
    hostile = case.derive()
    for name, value in changes.items():
        setattr(hostile, name, value)
    if refuse:
        hostile.headers[HOSTILE_HEADER] = "refuse"
    return hostile


def _json_with(body, path: tuple, text: str) -> bytes:
    """The body as JSON bytes, the value at `path` replaced by raw JSON text spelled as a hostile client
    would (json.dumps refuses 5,000-digit integers and recurses on deep nesting)."""
    if not path:
        return text.encode()
    body = copy.deepcopy(body)
    parent = body
    for step in path[:-1]:
        if not isinstance(parent.get(step), dict):
            parent[step] = {}
        parent = parent[step]
    parent[path[-1]] = _PLACEHOLDER
    return json.dumps(body).replace(json.dumps(_PLACEHOLDER), text).encode()


def hostile_input_is_refused(ctx, response, case):
    """A check: what a hostile variant carries is never accepted, stored or used."""
    if case.headers.get(HOSTILE_HEADER) and response.status_code < 400:
        raise AssertionError(f"Hostile input was accepted with {response.status_code}")
