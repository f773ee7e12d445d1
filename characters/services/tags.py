"""The tag tree: names unique whatever their case, no cycles (Tag.clean)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from characters.models import Tag


def _require_tagger(actor) -> None:
    if not actor.is_authenticated:
        raise PermissionDenied("Sign in to create tags.")


@transaction.atomic
def tag_create(*, actor, name: str, parent: Tag | None = None, **fields) -> Tag:
    _require_tagger(actor)
    tag = Tag(name=name, parent=parent, **fields)
    tag.full_clean()
    tag.save()
    return tag


@transaction.atomic
def tag_update(*, tag: Tag, actor, **fields) -> Tag:
    if not (actor.is_authenticated and actor.has_perm("characters.change_tag")):
        raise PermissionDenied("Only moderators change tags.")
    tag = Tag.objects.select_for_update().get(pk=tag.pk)
    for name, value in fields.items():
        setattr(tag, name, value)
    tag.full_clean()
    tag.save()
    return tag


def tags_matching(names: list[str], *, create_missing: bool) -> tuple[list[Tag], list[str]]:
    """The tags with these names (whatever their case), created when `create_missing`; and the names
    left out because no such tag exists."""
    tags, missing = [], []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        tag = Tag.objects.filter(name__iexact=name[:60]).first()
        if tag is None and create_missing:
            tag = Tag(name=name[:60])
            tag.full_clean()
            tag.save()
        if tag is None:
            missing.append(name)
        elif tag not in tags:
            tags.append(tag)
    return tags, missing
