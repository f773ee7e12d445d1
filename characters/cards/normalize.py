"""From a card's JSON (V1, V2 or V3, as the ecosystem writes them) to one normalized dict: the V3 `data`
object with every key present and typed, plus every key we do not know, kept as it came.

The normalized card's keys:
- text (never None, "" when absent): name, description, personality, scenario, first_mes, mes_example,
  creator_notes, system_prompt, post_history_instructions, creator, character_version, nickname
- lists of text: alternate_greetings, group_only_greetings, tags, source
- creation_date, modification_date: Unix time in whole seconds, or None
- character_book: a dict with `extensions` and `entries` (see book.py), or None
- extensions: a dict (application data such as SillyTavern's `depth_prompt`, RisuAI's `risuai`)
- assets (only when there are any): V3 asset descriptors {type, uri, name, ext, ...} that point outside
  the file (https, data:, ccdefault:); embedded ones become `CardImport.assets`
- root_extras (only when there are any): keys found beside `spec`/`data` at the root of the document
  that are not card fields (SillyTavern's `avatar`, `chat`, `create_date`, `talkativeness`, ...);
  the writers put them back at the root
- any other key of `data` (e.g. `creator_notes_multilingual`), untouched.

Where the root repeats a field that `data` has (SillyTavern mirrors the V1 fields there), `data` wins;
a root value that differs is dropped with a warning, and one that `data` lacks is taken with a warning.
"""

from characters.cards.book import normalize_book
from characters.cards.errors import CardError
from characters.cards.fields import as_date, as_object, as_text, as_text_list

TEXT_FIELDS = (
    "name",
    "description",
    "personality",
    "scenario",
    "first_mes",
    "mes_example",
    "creator_notes",
    "system_prompt",
    "post_history_instructions",
    "creator",
    "character_version",
    "nickname",
)
# Field -> whether text in its place is a comma-separated list (tags are; a greeting never is).
LIST_FIELDS = {"alternate_greetings": False, "group_only_greetings": False, "tags": True, "source": False}
DATE_FIELDS = ("creation_date", "modification_date")
CARD_FIELDS = (*TEXT_FIELDS, *LIST_FIELDS, *DATE_FIELDS, "character_book", "extensions")
V1_FIELDS = ("name", "description", "personality", "scenario", "first_mes", "mes_example")
ROOT_EXTRAS = "root_extras"
# Old root names for card fields: SillyTavern's V1 creator notes, and Pygmalion/Oobabooga's card keys.
ROOT_ALIASES = {"creatorcomment": "creator_notes"}
PYGMALION_FIELDS = {
    "char_name": "name",
    "char_persona": "description",
    "world_scenario": "scenario",
    "char_greeting": "first_mes",
    "example_dialogue": "mes_example",
}
SPECS = {"chara_card_v2": ("v2", "2.0"), "chara_card_v3": ("v3", "3.0")}
STRUCTURE_KEYS = ("spec", "spec_version", "data")
# Root keys a reader takes as card fields, so a root extra may not carry these names.
RESERVED_ROOT_KEYS = frozenset((*STRUCTURE_KEYS, *CARD_FIELDS, *ROOT_ALIASES, *PYGMALION_FIELDS))


def normalize_data(data: dict, *, where: str, warnings: list[str]) -> dict:
    """A V3 `data` object (or anything shaped like one) normalized; unknown keys are kept as they are."""
    card = {key: as_text(data.get(key), where=f"{where}{key}", warnings=warnings) for key in TEXT_FIELDS}
    for key, split_commas in LIST_FIELDS.items():
        card[key] = as_text_list(
            data.get(key), where=f"{where}{key}", warnings=warnings, split_commas=split_commas
        )
    for key in DATE_FIELDS:
        card[key] = as_date(data.get(key), where=f"{where}{key}", warnings=warnings)
    card["character_book"] = normalize_book(
        data.get("character_book"), where=f"{where}character_book", warnings=warnings
    )
    card["extensions"] = as_object(data.get("extensions"), where=f"{where}extensions", warnings=warnings)
    if descriptors := _asset_descriptors(data.get("assets"), where=f"{where}assets", warnings=warnings):
        card["assets"] = descriptors
    if extras := as_object(data.get(ROOT_EXTRAS), where=ROOT_EXTRAS, warnings=warnings):
        card[ROOT_EXTRAS] = extras
    for key, value in data.items():
        if key not in ("assets", ROOT_EXTRAS):
            card.setdefault(key, value)
    return card


def normalize_document(document, *, where: str, warnings: list[str]) -> tuple[dict, str, str]:
    """(card, source_spec, spec_version) for a parsed JSON document, or CardError if it is not a card."""
    if not isinstance(document, dict):
        raise CardError(f"The JSON in {where} is not a character card (it is not an object with fields).")
    spec = document.get("spec")
    spec = spec if isinstance(spec, str) or spec is None else str(spec)
    if spec is not None and spec.startswith("lorebook"):
        raise CardError(f"The JSON in {where} is a lorebook ({spec}), not a character card.")
    if spec in SPECS:
        source_spec, expected = SPECS[spec]
    elif spec is not None and isinstance(document.get("data"), dict):
        warnings.append(
            f'The card\'s spec is "{str(spec)[:40]}", not chara_card_v2 or v3; it was read as V3.'
        )
        source_spec, expected = "v3", "3.0"
    elif isinstance(document.get("data"), dict) and _has_card_fields(document["data"]):
        warnings.append("The card has a data object but no spec; it was read as V2.")
        source_spec, expected = "v2", "2.0"
    elif _has_card_fields(document):
        return _normalize_v1(document, warnings=warnings), "v1", "1.0"
    else:
        raise CardError(
            f"The JSON in {where} is not a character card: it has no name, description or greeting."
        )
    version = _spec_version(document.get("spec_version"), expected, warnings=warnings)
    return _normalize_nested(document, warnings=warnings), source_spec, version


def require_name(card: dict) -> None:
    if not card["name"].strip():
        raise CardError("The card has no name.")


def _has_card_fields(value: dict) -> bool:
    return any(key in value for key in (*V1_FIELDS, *PYGMALION_FIELDS))


def _normalize_v1(document: dict, *, warnings: list[str]) -> dict:
    """Flat V1 fields (and any V2/V3 field written flat) at the root; other root keys are root extras."""
    renamed = _renamed_root_keys(document, warnings=warnings)
    fields = {key: value for key, value in renamed.items() if key in CARD_FIELDS or key == "assets"}
    card = normalize_data(fields, where="", warnings=warnings)
    if extras := {key: value for key, value in renamed.items() if key not in fields}:
        card[ROOT_EXTRAS] = extras
    return card


def _normalize_nested(document: dict, *, warnings: list[str]) -> dict:
    data = document.get("data")
    if not isinstance(data, dict):
        warnings.append("The card's data was missing or not an object; the fields at its root were used.")
        return _normalize_v1(
            {k: v for k, v in document.items() if k not in STRUCTURE_KEYS}, warnings=warnings
        )
    card = normalize_data(data, where="data.", warnings=warnings)
    root = _renamed_root_keys(
        {k: v for k, v in document.items() if k not in STRUCTURE_KEYS}, warnings=warnings
    )
    extras = {}
    for key, value in root.items():
        if key in CARD_FIELDS:
            _reconcile_root_field(card, data, key, value, warnings=warnings)
        else:
            extras[key] = value
    if extras:
        card[ROOT_EXTRAS] = {**card.get(ROOT_EXTRAS, {}), **extras}
    return card


def _renamed_root_keys(document: dict, *, warnings: list[str]) -> dict:
    renamed = {}
    for key, value in document.items():
        target = ROOT_ALIASES.get(key) or PYGMALION_FIELDS.get(key)
        if target is None:
            renamed[key] = value
        elif target in document or target in renamed:
            continue  # the current name wins; the old one is a mirror
        else:
            if key in PYGMALION_FIELDS:
                warnings.append(f"The card uses the old field name {key}; it was read as {target}.")
            renamed[target] = value
    return renamed


def _reconcile_root_field(card: dict, data: dict, key: str, value, *, warnings: list[str]) -> None:
    """A field at the root that `data` also defines: data's value wins. Quiet when they agree."""
    root_card = normalize_data({key: value}, where="", warnings=[])
    root_value = root_card[key]
    if key not in data:
        if root_value != normalize_data({}, where="", warnings=[])[key]:
            card[key] = root_value
            warnings.append(
                f"The field {key} was only at the card's root, not in its data; it was taken from the root."
            )
    elif root_value != card[key]:
        warnings.append(
            f"The field {key} at the card's root differs from data.{key}; the value in data was kept."
        )


def _spec_version(value, expected: str, *, warnings: list[str]) -> str:
    if value is None:
        return expected
    if isinstance(value, int | float) and not isinstance(value, bool):
        warnings.append("The field spec_version was a number, not text; it was turned into text.")
        value = str(value)
    if not isinstance(value, str):
        warnings.append(f"The field spec_version was not text; {expected} was assumed.")
        return expected
    try:
        declared = float(value)
    except ValueError:
        warnings.append(
            f'The spec_version "{value[:20]}" is not a version number; the card was read as {expected}.'
        )
        return value
    if declared > float(expected):
        warnings.append(
            f"The card declares spec version {value[:20]}, newer than the {expected} this reader knows; "
            "its known fields were read and the others were kept as they came."
        )
    return value


def _asset_descriptors(value, *, where: str, warnings: list[str]) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        warnings.append(f"The field {where} was not a list; the asset list was dropped.")
        return []
    descriptors = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            warnings.append(f"The field {where}[{index}] was not an object; it was dropped.")
            continue
        descriptor = dict(item)
        for key in ("type", "uri", "name", "ext"):
            descriptor[key] = as_text(item.get(key), where=f"{where}[{index}].{key}", warnings=warnings)
        descriptor["ext"] = descriptor["ext"].lower().lstrip(".")
        descriptors.append(descriptor)
    return descriptors
