"""Input that once answered 500 (issue 6), in one place: the regression tests of every entry point use
these cases."""

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
