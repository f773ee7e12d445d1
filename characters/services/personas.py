"""Personas based on characters. The link is kept here (CharacterPersona): persona knows nothing of
characters."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from characters import rules
from characters.models import CharacterPersona, CharacterProfile
from characters.services.common import require
from persona.services import persona_create
from persona.validators import MAX_ALTERNATE_GREETINGS, MAX_GREETING_LENGTH


def persona_initial_from_character(character: CharacterProfile) -> dict:
    """What the persona form starts with: the character's name, description, system prompt, greeting."""
    return {
        "name": character.name[:100],
        "description": (character.description or character.personality or character.name)[:5000],
        "system_prompt": character.system_prompt[:20000],
        "greeting": character.greeting[:MAX_GREETING_LENGTH],
        "alternate_greetings": [g[:MAX_GREETING_LENGTH] for g in character.alternate_greetings][
            :MAX_ALTERNATE_GREETINGS
        ],
        "scenario": character.scenario[:10000],
        "example_dialogue": character.example_messages[:20000],
    }


def character_portrait(character: CharacterProfile):
    """The primary reference image as an upload a persona can take, or None."""
    primary = character.images.filter(is_primary=True).first()
    if primary is None:
        return None
    with primary.image.open("rb") as file:
        return SimpleUploadedFile("portrait", file.read())


@transaction.atomic
def persona_link_create(*, persona, character: CharacterProfile, actor) -> CharacterPersona:
    require(rules.can_view(actor, character))
    return CharacterPersona.objects.create(persona=persona, character=character)


@transaction.atomic
def persona_from_character(*, character: CharacterProfile, actor, **overrides):
    """A private persona of the actor's, based on the character (its portrait the primary image)."""
    require(rules.can_view(actor, character), "You may not use this character.")
    fields = {**persona_initial_from_character(character), **overrides}
    fields.setdefault("image", character_portrait(character))
    if fields["image"] is None:
        fields.pop("image")
    try:
        persona = persona_create(owner=actor, **fields)
    except ValidationError as error:
        raise ValidationError({"make_persona": [f"The persona: {m}" for m in error.messages]}) from None
    persona_link_create(persona=persona, character=character, actor=actor)
    return persona
