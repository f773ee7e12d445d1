"""The character book (lorebook) and its entries, normalized like the card itself.

Required keys get their defaults (`extensions` {}, `entries` [], and in each entry `keys` [], `content`
"", `extensions` {}, `enabled` true, `insertion_order` 0, `use_regex` false); optional keys are
normalized only when present, so a book exports exactly as it came. Unknown keys stay untouched.
SillyTavern's world-info export (`entries` as an object keyed by uid) is accepted as a list."""

from characters.cards.fields import as_bool, as_number, as_object, as_text, as_text_list

BOOK_NUMBERS = ("scan_depth", "token_budget")
ENTRY_TEXTS = ("name", "comment")
ENTRY_OPTIONAL_BOOLS = ("case_sensitive", "constant", "selective")
ENTRY_NUMBERS = ("priority",)
POSITIONS = ("before_char", "after_char")


def normalize_book(value, *, where: str, warnings: list[str]) -> dict | None:
    if value is None:
        return None
    if isinstance(value, list):
        warnings.append(
            f"The field {where} was a list of entries, not a book; it became a book with those entries."
        )
        value = {"entries": value}
    if not isinstance(value, dict):
        warnings.append(f"The field {where} was not an object; the character book was dropped.")
        return None
    book = dict(value)
    for key in ("name", "description"):
        if key in book:
            book[key] = as_text(book[key], where=f"{where}.{key}", warnings=warnings)
    _numbers(book, BOOK_NUMBERS, where=where, warnings=warnings)
    if "recursive_scanning" in book:
        book["recursive_scanning"] = as_bool(
            book["recursive_scanning"], where=f"{where}.recursive_scanning", warnings=warnings, default=False
        )
    book["extensions"] = as_object(book.get("extensions"), where=f"{where}.extensions", warnings=warnings)
    book["entries"] = _entries(book.get("entries"), where=f"{where}.entries", warnings=warnings)
    return book


def _entries(value, *, where: str, warnings: list[str]) -> list[dict]:
    if isinstance(value, dict):
        warnings.append(
            f"The field {where} was an object keyed by entry, not a list; its entries were listed in order."
        )
        value = list(value.values())
    if value is None:
        return []
    if not isinstance(value, list):
        warnings.append(f"The field {where} was not a list; the entries were dropped.")
        return []
    entries = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict):
            entries.append(_entry(entry, where=f"{where}[{index}]", warnings=warnings))
        else:
            warnings.append(f"The field {where}[{index}] was not an object; it was dropped.")
    return entries


def _entry(value: dict, *, where: str, warnings: list[str]) -> dict:
    entry = dict(value)
    entry["keys"] = as_text_list(
        entry.get("keys"), where=f"{where}.keys", warnings=warnings, split_commas=True
    )
    entry["content"] = as_text(entry.get("content"), where=f"{where}.content", warnings=warnings)
    entry["extensions"] = as_object(entry.get("extensions"), where=f"{where}.extensions", warnings=warnings)
    entry["enabled"] = as_bool(
        entry.get("enabled"), where=f"{where}.enabled", warnings=warnings, default=True
    )
    order = as_number(entry.get("insertion_order"), where=f"{where}.insertion_order", warnings=warnings)
    entry["insertion_order"] = 0 if order is None else order
    entry["use_regex"] = as_bool(
        entry.get("use_regex"), where=f"{where}.use_regex", warnings=warnings, default=False
    )
    for key in ENTRY_OPTIONAL_BOOLS:
        if key in entry:
            entry[key] = as_bool(entry[key], where=f"{where}.{key}", warnings=warnings, default=False)
    for key in ENTRY_TEXTS:
        if key in entry:
            entry[key] = as_text(entry[key], where=f"{where}.{key}", warnings=warnings)
    if "secondary_keys" in entry:
        entry["secondary_keys"] = as_text_list(
            entry["secondary_keys"], where=f"{where}.secondary_keys", warnings=warnings, split_commas=True
        )
    _numbers(entry, ENTRY_NUMBERS, where=where, warnings=warnings)
    _id(entry, where=where, warnings=warnings)
    _position(entry, where=where, warnings=warnings)
    return entry


def _numbers(container: dict, keys, *, where: str, warnings: list[str]) -> None:
    for key in keys:
        if key in container and container[key] is not None:
            number = as_number(container[key], where=f"{where}.{key}", warnings=warnings)
            if number is None:
                del container[key]
            else:
                container[key] = number


def _id(entry: dict, *, where: str, warnings: list[str]) -> None:
    """V3 allows a number or text; anything else is dropped."""
    if "id" not in entry:
        return
    ident = entry["id"]
    if ident is None or (isinstance(ident, int | float | str) and not isinstance(ident, bool)):
        return
    warnings.append(f"The field {where}.id was neither a number nor text; it was dropped.")
    del entry["id"]


def _position(entry: dict, *, where: str, warnings: list[str]) -> None:
    """Kept as it came when valid or absent; SillyTavern's numeric positions 0 and 1 are translated."""
    position = entry.get("position")
    if position is None or position in POSITIONS:
        return
    if position in (0, 1, "0", "1"):
        entry["position"] = POSITIONS[int(position)]
        warnings.append(
            f"The field {where}.position was the number {position}; it was read as {entry['position']}."
        )
        return
    warnings.append(
        f'The field {where}.position ("{str(position)[:20]}") is not before_char or after_char; it was kept.'
    )
