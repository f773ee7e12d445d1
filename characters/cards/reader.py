"""Reading an uploaded card file: its kind is told by its first bytes (PNG signature, zip signature,
JSON), not by its name, which only helps word the error for a file that is none of them."""

import re

from characters.cards.assets import (
    EMBEDDED_PREFIXES,
    PNG_ASSET_PREFIX,
    embedded_path,
    main_image,
    split_assets,
)
from characters.cards.charx import CharxReader
from characters.cards.errors import CardError
from characters.cards.jsondoc import UTF8_BOM, decode_base64_text, parse_card_json
from characters.cards.limits import DEFAULT_LIMITS, CardLimits, megabytes
from characters.cards.normalize import V1_FIELDS, normalize_document, require_name
from characters.cards.png import (
    ASSET_KEYWORD_PREFIX,
    SIGNATURE,
    read_png_texts,
    without_backfill_notice,
)
from characters.cards.records import CardImport

_LIST_INDEX = re.compile(r"\[\d+\]")
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
OTHER_IMAGES = {
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"RIFF": "a WebP image",
    b"BM": "a BMP image",
}
# Fields compared between a PNG's chara and ccv3 cards: those both versions have.
SHARED_FIELDS = (
    *V1_FIELDS,
    "creator_notes",
    "system_prompt",
    "post_history_instructions",
    "alternate_greetings",
    "tags",
    "creator",
    "character_version",
)


def read_card(*, data: bytes, filename: str, limits: CardLimits = DEFAULT_LIMITS) -> CardImport:
    if len(data) > limits.max_file_bytes:
        raise CardError(
            f"The file is {megabytes(len(data))}; at most {megabytes(limits.max_file_bytes)} is allowed."
        )
    if not data.strip():
        raise CardError("The file is empty.")
    warnings: list[str] = []
    if data.startswith(SIGNATURE):
        result = _read_png(data, limits=limits, warnings=warnings)
    elif data.startswith(ZIP_SIGNATURES):
        result = _read_charx(data, limits=limits, warnings=warnings)
    elif _looks_like_json(data):
        result = _read_json(data, limits=limits, warnings=warnings)
    elif filename.lower().endswith(".png") and _other_image(data) is None:
        result = _read_png(data, limits=limits, warnings=warnings)  # says what is wrong with the PNG
    else:
        raise CardError(_not_a_card_message(data))
    require_name(result.card)
    result.warnings = collapse_repeats(result.warnings)
    return result


def collapse_repeats(warnings: list[str]) -> list[str]:
    """One line for a fix repeated across list items: a lorebook of 300 entries whose `enabled` is text
    reads "The field data.character_book.entries[*].enabled was text, ... (300 times)."."""
    groups: dict[str, list[str]] = {}
    for warning in warnings:
        groups.setdefault(_LIST_INDEX.sub("[*]", warning), []).append(warning)
    return [
        found[0] if len(found) == 1 else f"{pattern.removesuffix('.')} ({len(found)} times)."
        for pattern, found in groups.items()
    ]


def _looks_like_json(data: bytes) -> bool:
    return data.removeprefix(UTF8_BOM).lstrip()[:1] in (b"{", b"[")


def _other_image(data: bytes) -> str | None:
    return next((name for prefix, name in OTHER_IMAGES.items() if data.startswith(prefix)), None)


def _not_a_card_message(data: bytes) -> str:
    kind = _other_image(data)
    start = f"The file is {kind}, not a character card" if kind else "The file is not a character card"
    return f"{start}: upload a card PNG, a card JSON file or a CHARX file."


def _read_json(data: bytes, *, limits: CardLimits, warnings: list[str]) -> CardImport:
    document = parse_card_json(data, where="the file", max_bytes=limits.max_card_bytes, warnings=warnings)
    card, spec, version = normalize_document(document, where="the file", warnings=warnings)
    split_assets(card, lambda uri: None, warnings=warnings)
    return CardImport(card=card, source_spec=spec, spec_version=version, warnings=warnings)


def _read_png(data: bytes, *, limits: CardLimits, warnings: list[str]) -> CardImport:
    texts = read_png_texts(data, limits=limits, warnings=warnings)
    chunks = {
        keyword: [text for text in texts if text.keyword.lower() == keyword] for keyword in ("ccv3", "chara")
    }
    present = [keyword for keyword, found in chunks.items() if found]
    if not present:
        raise CardError("The image holds no character card: it has no chara or ccv3 text chunk.")
    for keyword in present:
        if len(chunks[keyword]) > 1:
            warnings.append(f"The PNG has {len(chunks[keyword])} {keyword} chunks; the first one was used.")
    readings, first_error = {}, None
    for keyword in present:
        try:
            readings[keyword] = _read_chunk(chunks[keyword][0], limits=limits)
        except CardError as error:
            first_error = first_error or error
            if keyword == "ccv3" and "chara" in present:
                warnings.append(
                    f"The ccv3 chunk cannot be read, so the chara chunk was used instead. {error}"
                )
    if not readings:
        raise first_error
    chosen = "ccv3" if "ccv3" in readings else "chara"
    card, spec, version, chunk_warnings = readings[chosen]
    warnings.extend(chunk_warnings)
    if len(readings) == 2:
        _compare_chunks(readings["ccv3"][0], readings["chara"][0], warnings=warnings)
    assets = split_assets(card, _png_asset_lookup(texts, warnings=warnings), warnings=warnings)
    return CardImport(
        card=card, source_spec=spec, spec_version=version, image=data, assets=assets, warnings=warnings
    )


def _read_chunk(text, *, limits: CardLimits):
    where, warnings = f"{text.keyword} chunk", []
    decoded = decode_base64_text(text.text, where=where, warnings=warnings)
    document = parse_card_json(
        decoded, where=f"the {where}", max_bytes=limits.max_card_bytes, warnings=warnings
    )
    card, spec, version = normalize_document(document, where=f"the {where}", warnings=warnings)
    if text.keyword.lower() == "chara":
        trimmed = without_backfill_notice(card["creator_notes"])
        if trimmed != card["creator_notes"]:
            card["creator_notes"] = trimmed
            warnings.append("The notice for V2 readers at the start of the creator notes was removed.")
    return card, spec, version, warnings


def _compare_chunks(v3_card: dict, v2_card: dict, *, warnings: list[str]) -> None:
    differing = [key for key in SHARED_FIELDS if v3_card[key] != v2_card[key]]
    if differing:
        warnings.append(
            f"The PNG's chara (V2) and ccv3 (V3) cards disagree on {', '.join(differing)}; "
            "the ccv3 card was used."
        )


def _png_asset_lookup(texts, *, warnings: list[str]):
    """`__asset:{path}` URIs name `chara-ext-asset_:{path}` chunks holding base64 files."""
    by_keyword = {text.keyword.lower(): text for text in texts}

    def lookup(uri: str) -> bytes | None:
        if not uri.startswith(PNG_ASSET_PREFIX):
            return None
        text = by_keyword.get(f"{ASSET_KEYWORD_PREFIX}:{uri[len(PNG_ASSET_PREFIX) :]}".lower())
        if text is None:
            return None
        return decode_base64_text(text.text, where=f"{text.keyword} chunk", warnings=warnings)

    return lookup


def _read_charx(data: bytes, *, limits: CardLimits, warnings: list[str]) -> CardImport:
    archive = CharxReader(data, limits=limits, warnings=warnings)
    name = archive.card_entry_name()
    raw = archive.entry(name, max_bytes=limits.max_card_bytes)
    document = parse_card_json(raw, where=name, max_bytes=limits.max_card_bytes, warnings=warnings)
    card, spec, version = normalize_document(document, where=name, warnings=warnings)
    if spec != "v3":
        warnings.append(
            f"The CHARX file's card.json is a {spec.upper()} card, not V3; it was read all the same."
        )

    def lookup(uri: str) -> bytes | None:
        return archive.entry(embedded_path(uri)) if uri.startswith(EMBEDDED_PREFIXES) else None

    assets = split_assets(card, lookup, warnings=warnings)
    if unused := archive.unused_entries():
        shown = ", ".join(unused[:3]) + (f" and {len(unused) - 3} more" if len(unused) > 3 else "")
        warnings.append(
            f"The CHARX file also holds files the card does not use ({shown}); they were not kept."
        )
    return CardImport(
        card=card,
        source_spec=spec,
        spec_version=version,
        image=main_image(assets),
        assets=assets,
        warnings=warnings,
    )
