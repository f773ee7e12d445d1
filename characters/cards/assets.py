"""A V3 card's asset list, split into the files the card carries and the descriptors that point outside.

Descriptors with an `embeded://` (or `embedded://`) URI name a file inside a CHARX zip, and `__asset:`
URIs a `chara-ext-asset_` chunk of a PNG: those files become `CardAsset`s and leave `card["assets"]`;
a descriptor whose file is missing is dropped with a warning. Descriptors that point outside the file
(https, data:, ccdefault:) stay in `card["assets"]` as they came.

The card's image is the icon named "main" (the spec's main icon), else the first icon.
"""

from collections.abc import Callable

from characters.cards.records import CardAsset

EMBEDDED_PREFIX = "embeded://"  # the spec's spelling
EMBEDDED_PREFIXES = (EMBEDDED_PREFIX, "embedded://")
PNG_ASSET_PREFIX = "__asset:"
LOCAL_PREFIXES = (*EMBEDDED_PREFIXES, PNG_ASSET_PREFIX)


def split_assets(
    card: dict, lookup: Callable[[str], bytes | None], *, warnings: list[str]
) -> list[CardAsset]:
    """Move the assets the file carries out of card["assets"]; `lookup(uri)` gives a file's bytes or None."""
    if "assets" not in card:
        return []
    carried, outside = [], []
    for descriptor in card["assets"]:
        uri = descriptor["uri"]
        if not uri.startswith(LOCAL_PREFIXES):
            outside.append(descriptor)
            continue
        if uri.startswith("embedded://"):
            warnings.append(
                f"The asset {uri[:60]} is spelled embedded:// rather than embeded://; it was read anyway."
            )
        data = lookup(uri)
        if data is None:
            warnings.append(f"The asset {uri[:80]} is not in the file; it was dropped.")
            continue
        carried.append(_asset(descriptor, data))
    if outside:
        card["assets"] = outside
    else:
        del card["assets"]
    return carried


def main_image(assets: list[CardAsset]) -> bytes | None:
    icons = [asset for asset in assets if asset.type == "icon"]
    main = [asset for asset in icons if asset.name == "main"]
    chosen = main or icons
    return chosen[0].data if chosen else None


def embedded_path(uri: str) -> str:
    """The path inside the zip of an embeded:// URI (case-sensitive, `/`-separated)."""
    for prefix in EMBEDDED_PREFIXES:
        if uri.startswith(prefix):
            return uri[len(prefix) :].lstrip("/")
    return uri


def _asset(descriptor: dict, data: bytes) -> CardAsset:
    ext = descriptor["ext"] or _extension_of(descriptor["uri"])
    return CardAsset(name=descriptor["name"], type=descriptor["type"], ext=ext, data=data)


def _extension_of(uri: str) -> str:
    last = uri.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else "unknown"
