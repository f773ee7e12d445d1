"""Names people choose for things others see (personas now, characters later): normalized the same way,
refused when they hide characters, and compared by how they look rather than by their code points.

Two keys make "looks the same" comparable in a database index:
- `name_key`: case-folded, then each character replaced by the prototype it can be mistaken for
  (Unicode's confusables, UTS #39), so "Nova", "NOVA" and "Nоvа" (Cyrillic о and а) share it;
- `name_shape_key`: the same without case folding, which catches confusables that only exist between
  cases, such as a capital I for a small l ("PauI" and "Paul"), without making "Lia" clash with "Ila".
"""

import unicodedata
from functools import cache

from confusable_homoglyphs.confusables import confusables_data
from django.core.exceptions import ValidationError

# Control, format (zero-width, bidirectional overrides and isolates), surrogate, private-use and
# unassigned characters, and line or paragraph separators: none belongs in a name.
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# Letters and symbols that render as nothing, used to pad look-alike names.
INVISIBLE_CHARACTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
MAX_COMBINING_MARKS = 3  # more marks stacked on one letter is "zalgo" text, drawn over its neighbours
DIRECTION_MARKS = "\u200e\u200f"  # the confusables data wraps right-to-left glyphs in these


def name_normalize(value: str) -> str:
    """NFKC (full-width and styled letters become plain ones), trimmed, runs of spaces made single."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def validate_name_characters(value: str) -> None:
    """Refuse names that hide characters or draw over their neighbours, saying which character."""
    marks = 0
    for char in value:
        if unicodedata.category(char) in REFUSED_CATEGORIES or char in INVISIBLE_CHARACTERS:
            raise ValidationError(
                f"Names may not contain invisible or control characters (found {_describe(char)}).",
                code="name_characters",
            )
        marks = marks + 1 if unicodedata.combining(char) else 0
        if marks > MAX_COMBINING_MARKS:
            raise ValidationError(
                f"Names may stack at most {MAX_COMBINING_MARKS} accents on one letter.",
                code="name_marks",
            )


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def name_key(value: str) -> str:
    return _skeleton(name_normalize(value).casefold())


def name_shape_key(value: str) -> str:
    return _skeleton(name_normalize(value))


def _skeleton(text: str) -> str:
    """UTS #39's skeleton: decompose, replace each character by its prototype, decompose again."""
    prototypes, expansions = _confusable_tables()
    decomposed = unicodedata.normalize("NFD", text)
    mapped = "".join(expansions.get(char) or prototypes.get(char, char) for char in decomposed)
    return unicodedata.normalize("NFD", mapped)


@cache
def _confusable_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(character -> its prototype character, character -> the string it looks like).

    The data lists, for a prototype, every character mistaken for it and, for any other character, its
    prototype alone. A list of one is therefore ambiguous (a prototype with one look-alike reads the
    same), so characters linked by one-entry lists are grouped, and each group's prototype is the member
    with the most look-alikes, the lowest code point breaking ties: the same answer for every run."""
    groups: dict[str, str] = {}

    def root(char: str) -> str:
        while groups.get(char, char) != char:
            char = groups[char]
        return char

    expansions = {}
    for listed, entries in confusables_data.items():
        char = listed.strip(DIRECTION_MARKS)
        if len(entries) != 1 or len(char) != 1:
            continue
        target = entries[0]["c"].strip(DIRECTION_MARKS)
        if len(target) == 1:
            groups.setdefault(char, char)
            groups.setdefault(target, target)
            groups[root(char)] = root(target)
        elif target:
            expansions[char] = target
    members: dict[str, list[str]] = {}
    for char in groups:
        members.setdefault(root(char), []).append(char)
    prototypes = {}
    for group in members.values():
        prototype = min(group, key=lambda c: (-_look_alike_count(c), ord(c)))
        prototypes.update(dict.fromkeys(group, prototype))
    return prototypes, {char: _skeleton_plain(target, prototypes) for char, target in expansions.items()}


def _look_alike_count(char: str) -> int:
    return len(
        confusables_data.get(char)
        or confusables_data.get(f"{DIRECTION_MARKS[0]}{char}{DIRECTION_MARKS[0]}", ())
    )


def _skeleton_plain(text: str, prototypes: dict[str, str]) -> str:
    return "".join(prototypes.get(char, char) for char in text)
