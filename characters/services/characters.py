"""Creating, changing, forking and deleting characters."""

from django.db import transaction

from characters import rules
from characters.models import (
    CARD_IDENTITY_FIELDS,
    CHAT_TEXT_FIELDS,
    CharacterProfile,
    CharacterSlugRedirect,
    TrainingProfile,
)
from characters.services.common import (
    check_public_rule,
    lock_character,
    require,
    save_character,
    unique_character_slug,
)
from characters.services.training import training_queue

RELATIONS = ("tags", "projects", "style_presets")
MODERATOR_FIELDS = {"is_featured"}


def _split(fields: dict) -> tuple[dict, dict]:
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    return fields, relations


def _check_projects(actor, projects) -> None:
    for project in projects:
        require(rules.can_add_to_project(actor, project), f"You may not add characters to “{project}”.")


@transaction.atomic
def character_create(
    *, actor, styles: list[dict] = (), images: list[dict] = (), forked_from=None, **fields
) -> CharacterProfile:
    """A new character with its training profile (pending, trained once the transaction commits), and
    any styles and reference images made with it (which the public rule counts)."""
    fields, relations = _split(fields)
    if fields.get("is_featured"):
        require(rules.can_moderate(actor), "Only moderators feature characters.")
    _check_projects(actor, relations.get("projects", ()))
    character = CharacterProfile(created_by=actor, forked_from=forked_from, **fields)
    character.slug = unique_character_slug(character.name or "")
    save_character(character, actor=actor, reason="Created")
    for name, values in relations.items():
        getattr(character, name).set(values)
    if styles:
        from characters.services.styles import character_style_create

        for order, style in enumerate(styles):
            character_style_create(character=character, actor=actor, order=order, **style)
    if images:
        from characters.services.images import reference_image_add

        for order, image in enumerate(images):
            reference_image_add(character=character, actor=actor, order=order, **image)
    check_public_rule(character)
    TrainingProfile.objects.create(character=character)
    training_queue(character=character)
    return character


@transaction.atomic
def character_update(*, character: CharacterProfile, actor, **fields) -> CharacterProfile:
    require(rules.can_edit(actor, character))
    character = lock_character(character)
    fields, relations = _split(fields)
    changed = {name for name, value in fields.items() if getattr(character, name) != value}
    if changed & MODERATOR_FIELDS:
        require(rules.can_moderate(actor), "Only moderators feature characters.")
    if "projects" in relations:
        added = set(relations["projects"]) - set(character.projects.all())
        _check_projects(actor, added)
    old_slug = character.slug
    for name, value in fields.items():
        setattr(character, name, value)
    if "name" in changed:
        character.slug = unique_character_slug(character.name, exclude_pk=character.pk)
    save_character(character, actor=actor, reason="Edited")
    for name, values in relations.items():
        getattr(character, name).set(values)
    if character.slug != old_slug:
        CharacterSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"character": character})
    check_public_rule(character)
    return character


@transaction.atomic
def character_delete(*, character: CharacterProfile, actor) -> None:
    require(rules.is_creator(actor, character) or rules.is_moderator(actor), "Only its creator deletes it.")
    character.delete()


FORKED_FIELDS = (
    "description",
    "backstory",
    "personality_traits",
    *CHAT_TEXT_FIELDS,
    "alternate_greetings",
    "group_only_greetings",
    *CARD_IDENTITY_FIELDS,
    "card_source",
    "card_extra",
)


@transaction.atomic
def character_fork(*, character: CharacterProfile, actor, name: str) -> CharacterProfile:
    """A private copy of a character the actor may see; it records where it came from."""
    require(actor.is_authenticated and rules.can_view(actor, character), "Sign in to fork a character.")
    fields = {field: getattr(character, field) for field in FORKED_FIELDS}
    fork = character_create(actor=actor, forked_from=character, name=name, is_public=False, **fields)
    fork.tags.set(character.tags.all())
    return fork
