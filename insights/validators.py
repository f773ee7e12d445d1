"""Checks of research-profile values that model fields alone do not make."""

from django.core.exceptions import ValidationError

MAX_TAGS = 30
MAX_TAG_LENGTH = 50


def validate_tag_list(value) -> None:
    """A list of at most 30 short, distinct, non-blank labels ("sustainability", "cycling")."""
    if not isinstance(value, list):
        raise ValidationError("Give a list of labels.", code="tags_not_a_list")
    if len(value) > MAX_TAGS:
        raise ValidationError(f"At most {MAX_TAGS} labels.", code="too_many_tags")
    seen = set()
    for position, tag in enumerate(value, start=1):
        if not isinstance(tag, str) or not tag.strip():
            raise ValidationError(f"Label {position} must be non-empty text.", code="tag_blank")
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                f"Label {position} is longer than {MAX_TAG_LENGTH} characters.", code="tag_too_long"
            )
        if tag.strip().casefold() in seen:
            raise ValidationError(f"Label {position} ({tag.strip()}) is given twice.", code="tag_twice")
        seen.add(tag.strip().casefold())


def tags_normalize(value) -> list:
    """Trimmed labels, in the order given; anything else is left for validate_tag_list to refuse."""
    if not isinstance(value, list):
        return value
    return [tag.strip() if isinstance(tag, str) else tag for tag in value]


def validate_context(value) -> None:
    """The context a persona was made from: any JSON object (core.fields.JSONField checks the rest)."""
    if not isinstance(value, dict):
        raise ValidationError("The context must be a JSON object.", code="context_not_an_object")
