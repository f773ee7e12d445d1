"""What reading a card gives back: the normalized card with its image, assets and warnings."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CardAsset:
    """One file carried by a card: the V3 asset list's `name`, `type` ("icon", "background", "emotion",
    "user_icon", or any other string a tool wrote) and `ext` (lowercase, no dot), with its bytes."""

    name: str
    type: str
    ext: str
    data: bytes


@dataclass
class CardImport:
    """A card read from a file.

    - `card`: the normalized V3 `data` object (see `characters.cards.normalize` for every key and its type);
      unknown keys are kept as they came, and root keys that are not card fields sit under
      `card["root_extras"]`, so `write_card(card, ...)` gives them all back.
    - `source_spec`: "v1", "v2" or "v3", the shape the file was in.
    - `spec_version`: the `spec_version` the file declared ("1.0" for V1, which declares none).
    - `image`: the card's picture (for a PNG card the PNG itself; for CHARX the main icon asset), or None.
    - `assets`: the files the card carries (a CHARX's embedded files, the main icon too, or a PNG's
      `chara-ext-asset_` chunks), in the order of the card's asset list. Pass them back to
      `write_card(..., format="charx")` to export them.
    - `warnings`: one sentence for each oddity that was tolerated and fixed, in the order met.
    """

    card: dict
    source_spec: str
    spec_version: str
    image: bytes | None = None
    assets: list[CardAsset] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
