"""The export as a two-column sheet, `field,value`, nested values flattened to dotted paths
(`big_five.openness`, `needs_and_pains.pain_points.0.quotes.1`) so one persona reads top to bottom.

A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return, which some strip before
looking) as a formula: such cells get a leading apostrophe, which shows the text as written (OWASP's
advice on CSV injection). Numbers are written as numbers and never need it.
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_escape(value) -> str | int | float:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def flatten(value, prefix: str = "") -> list[tuple[str, object]]:
    if isinstance(value, dict):
        rows = [flatten(item, f"{prefix}.{key}" if prefix else str(key)) for key, item in value.items()]
        return [row for group in rows for row in group] or [(prefix, "")]
    if isinstance(value, list | tuple):
        rows = [flatten(item, f"{prefix}.{index}") for index, item in enumerate(value)]
        return [row for group in rows for row in group] or [(prefix, "")]
    return [(prefix, value)]


def render(document: dict) -> bytes:
    content = document["content"]
    rows = [("export_id", document["export_id"]), ("created_at", document["created_at"])]
    rows += flatten(content["metadata"], "metadata") + flatten(content["persona"])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["field", "value"])
    writer.writerows((cell_escape(field), cell_escape(value)) for field, value in rows)
    # A byte-order mark lets spreadsheets read the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
