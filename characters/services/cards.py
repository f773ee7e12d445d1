"""Character Cards in and out of characters. The file format is characters.cards' business; this
module maps its normalized V3 `data` dict onto a character (fields with a place of their own) and
keeps everything else (`extensions`, the character book, unknown keys) in `card_extra`, so an export
gives back what came in. An import is one transaction: a failure leaves nothing behind."""

import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from characters import rules
from characters.cards import CardAsset, CardError, read_card, write_card
from characters.models import CharacterProfile
from characters.services.characters import character_create
from characters.services.common import require
from characters.services.images import reference_image_add
from characters.services.tags import tags_matching

# Card key -> character field; text fields take "" and list fields [] where a card has nothing.
TEXT_FIELDS = {
    "name": "name",
    "description": "description",
    "personality": "personality",
    "scenario": "scenario",
    "first_mes": "greeting",
    "mes_example": "example_messages",
    "creator_notes": "creator_notes",
    "system_prompt": "system_prompt",
    "post_history_instructions": "post_history_instructions",
    "creator": "creator",
    "character_version": "character_version",
    "nickname": "nickname",
}
LIST_FIELDS = {
    "alternate_greetings": "alternate_greetings",
    "group_only_greetings": "group_only_greetings",
    "source": "card_source",
}
DATE_FIELDS = {"creation_date": "card_created_at", "modification_date": "card_modified_at"}
HANDLED_KEYS = {*TEXT_FIELDS, *LIST_FIELDS, *DATE_FIELDS, "tags"}
CONTENT_TYPES = {
    "v2": "application/json",
    "v3": "application/json",
    "charx": "application/zip",
    "png": "image/png",
}
EXTENSIONS = {"v2": "json", "v3": "json", "charx": "charx", "png": "png"}


class TagMode:
    ALL, EXISTING, NONE = "all", "existing", "none"
    CHOICES = [(ALL, "Take all its tags"), (EXISTING, "Only tags that exist here"), (NONE, "No tags")]


@dataclass
class ImportResult:
    character: CharacterProfile
    warnings: list[str] = field(default_factory=list)
    persona: object = None


def card_to_fields(card: dict) -> dict:
    """The character's fields from a normalized card."""
    fields = {target: _text(card.get(key)) for key, target in TEXT_FIELDS.items()}
    fields |= {target: _strings(card.get(key)) for key, target in LIST_FIELDS.items()}
    fields |= {target: _timestamp(card.get(key)) for key, target in DATE_FIELDS.items()}
    fields["card_extra"] = {key: value for key, value in card.items() if key not in HANDLED_KEYS}
    return fields


def _text(value) -> str:
    return "" if value is None else str(value)


def _strings(value) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _timestamp(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def character_to_card(character: CharacterProfile) -> dict:
    """The normalized card of a character: what `write_card` takes."""
    card = dict(character.card_extra or {})
    card |= {key: getattr(character, target) for key, target in TEXT_FIELDS.items()}
    card |= {key: list(getattr(character, target)) for key, target in LIST_FIELDS.items()}
    card |= {key: getattr(character, target) for key, target in DATE_FIELDS.items()}
    card["tags"] = [tag.name for tag in character.tags.all()]
    card.setdefault("extensions", {})
    card.setdefault("character_book", None)
    origin = character.forked_from
    if origin is not None and f"yayay:character:{origin.slug}" not in card["source"]:
        card["source"] = [*card["source"], f"yayay:character:{origin.slug}"]
    return card


def _free_name(name: str) -> str:
    """The card's name, or with " (2)", " (3)"… when a character has it already (names are unique)."""
    name = (name.strip() or "Unnamed character")[:90]
    candidate, number = name, 1
    while CharacterProfile.objects.filter(name__iexact=candidate).exists():
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def read_upload(*, data: bytes, filename: str):
    if len(data) > settings.CHARACTERS_CARD_MAX_BYTES:
        limit = settings.CHARACTERS_CARD_MAX_BYTES // (1024 * 1024)
        raise ValidationError({"file": f"The file is larger than {limit} MB, the largest card accepted."})
    try:
        return read_card(data=data, filename=filename)
    except CardError as error:
        raise ValidationError({"file": str(error)}) from None


@transaction.atomic
def character_import(
    *, actor, data: bytes, filename: str, tag_mode: str = TagMode.ALL, make_persona: bool = False
) -> ImportResult:
    """A private character from a card file, with the card's image as its primary reference image and
    the original file kept; optionally a persona based on it too."""
    require(actor.is_authenticated, "Sign in to import a card.")
    imported = read_upload(data=data, filename=filename)
    warnings = list(imported.warnings)
    fields = card_to_fields(imported.card)
    wanted = fields.pop("name")
    fields["name"] = _free_name(wanted)
    if fields["name"] != wanted.strip():
        warnings.append(f"A character named “{wanted}” exists already; this one is “{fields['name']}”.")
    character = character_create(actor=actor, is_public=False, **fields)
    _attach_tags(character, imported.card.get("tags") or [], tag_mode, warnings)
    character.card_file.save(os.path.basename(filename) or "card.json", ContentFile(data), save=False)
    CharacterProfile.objects.filter(pk=character.pk).update(card_file=character.card_file.name)
    if imported.image:
        _attach_image(character, actor, imported.image, warnings)
    persona = None
    if make_persona:
        from characters.services.personas import persona_from_character

        persona = persona_from_character(character=character, actor=actor)
    return ImportResult(character=character, warnings=warnings, persona=persona)


def _attach_tags(character, names: list, tag_mode: str, warnings: list[str]) -> None:
    if tag_mode == TagMode.NONE or not names:
        return
    tags, missing = tags_matching([str(n) for n in names], create_missing=tag_mode == TagMode.ALL)
    character.tags.set(tags)
    if missing:
        warnings.append(f"Tags left out (no such tag here): {', '.join(missing)}.")


def _attach_image(character, actor, image: bytes, warnings: list[str]) -> None:
    upload = SimpleUploadedFile("card-image", image)
    try:
        reference_image_add(
            character=character,
            actor=actor,
            image=upload,
            alt_text=f"Portrait of {character.name}"[:150],
            is_primary=True,
        )
    except ValidationError as error:
        warnings.append("The card's image was not kept: " + " ".join(error.messages))


def character_export(*, character: CharacterProfile, actor, format: str) -> tuple[bytes, str, str]:
    """(bytes, file name, content type) of the character as a card in `format`."""
    require(rules.can_view(actor, character), "You may not export this character.")
    if format not in CONTENT_TYPES:
        raise ValidationError({"format": f"Choose one of: {', '.join(CONTENT_TYPES)}."})
    primary = character.images.filter(is_primary=True).first()
    if format == "png" and primary is None:
        raise ValidationError({"format": "A PNG card needs a primary reference image; add one first."})
    image = _read(primary.image) if primary else None
    assets = _original_assets(character) if format == "charx" else []
    try:
        data = write_card(character_to_card(character), format=format, image=image, assets=assets)
    except CardError as error:
        raise ValidationError({"format": str(error)}) from None
    return data, f"{character.slug}.{EXTENSIONS[format]}", CONTENT_TYPES[format]


def _read(file) -> bytes:
    with file.open("rb") as opened:
        return opened.read()


def _original_assets(character: CharacterProfile) -> list[CardAsset]:
    """A CHARX card's assets come back from the file it was imported from."""
    if not character.card_file:
        return []
    try:
        return list(read_card(data=_read(character.card_file), filename=character.card_file.name).assets)
    except (CardError, OSError):
        return []
