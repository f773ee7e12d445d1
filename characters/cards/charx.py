"""CHARX cards (RisuAI's format, part of V3): a zip with the V3 JSON as `card.json` at its root and the
card's files under `assets/`, which `data.assets` points to with `embeded://path` URIs (the spec's own
spelling; `embedded://` is accepted too, with a warning).

A zip is read defensively, entry by entry, never extracted to disk: the number of entries, each entry's
declared and actual unpacked size, the total unpacked and the compression ratio are all bounded (see
CardLimits), so a zip bomb stops with an error after reading at most the limit. Encrypted entries are
refused. Files the card does not point to (RisuAI's `module.risum`, `x_meta/`) are reported in a warning
and not kept.

On export the assets go to `assets/{type}/{kind}/{name}.{ext}` as the spec suggests (kind: images,
audio, video, fonts, code, ai, 3d or other, from the extension); the zip is deflated, card.json first.
"""

import lzma
import re
import struct
import zipfile
import zlib
from io import BytesIO

from characters.cards.errors import CardError
from characters.cards.limits import CardLimits, megabytes
from characters.cards.records import CardAsset

CARD_ENTRY = "card.json"
# What zipfile raises for a damaged archive: its own error, and plain ones from the bytes it parses.
ZIP_FAILURES = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    ValueError,
    EOFError,
    OSError,
    struct.error,
)
READ_BLOCK = 64 * 1024
ASSET_KINDS = {
    "images": ("png", "jpg", "jpeg", "webp", "gif", "avif", "bmp", "svg"),
    "audio": ("mp3", "wav", "ogg", "flac", "m4a", "opus"),
    "video": ("mp4", "webm", "mov", "mkv"),
    "fonts": ("otf", "ttf", "woff", "woff2"),
    "code": ("lua", "js"),
    "ai": ("safetensors", "ckpt", "onnx"),
    "3d": ("obj", "mmd", "pmx", "fbx", "glb", "gltf", "vrm"),
}
KIND_OF_EXTENSION = {ext: kind for kind, extensions in ASSET_KINDS.items() for ext in extensions}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


class CharxReader:
    """One CHARX file opened for reading; `entry(name)` gives an entry's bytes within the limits."""

    def __init__(self, data: bytes, *, limits: CardLimits, warnings: list[str]):
        self.limits, self.warnings, self.unpacked = limits, warnings, 0
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except (*ZIP_FAILURES, NotImplementedError):  # an entry "needs" a zip version nobody made
            raise CardError(
                "The CHARX file is not a readable zip archive (it may be damaged or truncated)."
            ) from None
        if len(infos) > limits.max_zip_entries:
            raise CardError(
                f"The CHARX file has {len(infos):,} entries; at most {limits.max_zip_entries:,} are allowed."
            )
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_unpacked_bytes:
            raise CardError(
                f"The CHARX file unpacks to {megabytes(declared)}; "
                f"at most {megabytes(limits.max_unpacked_bytes)} is allowed."
            )
        self.infos = {info.filename: info for info in infos if not info.is_dir()}
        self.used: set[str] = set()

    def card_entry_name(self) -> str:
        if CARD_ENTRY in self.infos:
            return CARD_ENTRY
        nested = [name for name in self.infos if name.count("/") == 1 and name.endswith("/" + CARD_ENTRY)]
        if len(nested) == 1:
            self.warnings.append(
                f"The CHARX file's card.json was in the folder {nested[0].split('/')[0]}/, not at its root."
            )
            return nested[0]
        raise CardError("The CHARX file has no card.json at its root, so it is not a character card.")

    def entry(self, name: str, *, max_bytes: int | None = None) -> bytes | None:
        info = self.infos.get(name)
        if info is None:
            return None
        self.used.add(name)
        if max_bytes is not None and info.file_size > max_bytes:
            raise CardError(
                f"The CHARX entry {name} is {megabytes(info.file_size)}; "
                f"at most {megabytes(max_bytes)} is allowed."
            )
        if info.flag_bits & 0x1:
            raise CardError(f"The CHARX entry {name} is encrypted; encrypted cards cannot be read.")
        self._check_ratio(info)
        return self._read_bounded(info)

    def unused_entries(self) -> list[str]:
        return sorted(name for name in self.infos if name not in self.used)

    def _check_ratio(self, info: zipfile.ZipInfo) -> None:
        if info.file_size <= self.limits.ratio_exempt_bytes:
            return
        ratio, limit = info.file_size // max(info.compress_size, 1), self.limits.max_compression_ratio
        if ratio > limit:
            raise CardError(
                f"The CHARX entry {info.filename} expands {ratio:,} times when unpacked; "
                f"more than {limit} times looks like a zip bomb."
            )

    def _read_bounded(self, info: zipfile.ZipInfo) -> bytes:
        """Unpack block by block, stopping at the first byte past what the entry declared or the total
        allows: the declared sizes in a zip are only claims."""
        parts, size = [], 0
        try:
            with self.zip.open(info) as stream:
                while block := stream.read(READ_BLOCK):
                    size += len(block)
                    self.unpacked += len(block)
                    if size > info.file_size:
                        raise CardError(
                            f"The CHARX entry {info.filename} holds more than it declares; it is corrupt."
                        )
                    if self.unpacked > self.limits.max_unpacked_bytes:
                        raise CardError(
                            "The CHARX file unpacks to more than "
                            f"{megabytes(self.limits.max_unpacked_bytes)}."
                        )
                    parts.append(block)
        except (*ZIP_FAILURES, NotImplementedError, RuntimeError) as error:
            raise CardError(
                f"The CHARX entry {info.filename} cannot be unpacked ({_reason(error)})."
            ) from None
        return b"".join(parts)


def _reason(error: Exception) -> str:
    text = str(error)
    return "Bad CRC-32" if "CRC" in text else (text[:80] or type(error).__name__)


def write_charx(card_json: bytes, assets: list[tuple[str, CardAsset]]) -> bytes:
    """A CHARX zip: card.json, then each (path, asset)."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CARD_ENTRY, card_json)
        for path, asset in assets:
            archive.writestr(path, asset.data)
    return buffer.getvalue()


def asset_path(asset: CardAsset, taken: set[str]) -> str:
    """Where an asset goes in the zip: assets/{type}/{kind}/{name}.{ext}, made unique within `taken`."""
    ext = _UNSAFE_NAME.sub("", asset.ext.lower()) or "bin"
    folder = f"assets/{_safe(asset.type, 'other')}/{KIND_OF_EXTENSION.get(ext, 'other')}"
    stem, number = _safe(asset.name, "asset"), 1
    path = f"{folder}/{stem}.{ext}"
    while path in taken:
        number += 1
        path = f"{folder}/{stem}-{number}.{ext}"
    taken.add(path)
    return path


def _safe(text: str, fallback: str) -> str:
    """ASCII letters, digits, `_`, `.` and `-` only, as the spec advises for names inside the zip."""
    return _UNSAFE_NAME.sub("_", text).strip("._")[:80] or fallback
