"""Reads of characters. Privacy lives here: a non-public character is for its creator, its projects'
members and moderators; everyone else gets 404, in pages, API, admin, lists and exports alike."""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from characters import rules
from characters.models import (
    CharacterProfile,
    CharacterSlugRedirect,
    Project,
    ProjectMembership,
    ReferenceImage,
    Tag,
    TrainingProfile,
    TrainingStatus,
)
from core.uploads import UploadAccess


def _project_ids_of(user) -> QuerySet:
    joined = ProjectMembership.objects.filter(user=user).values("project_id")
    return Project.objects.filter(Q(owner=user) | Q(pk__in=joined)).values("pk")


def _visible(user) -> Q:
    if not user.is_authenticated:
        return Q(is_public=True)
    if user.has_perm(rules.VIEW):
        return Q()
    in_projects = CharacterProfile.projects.through.objects.filter(
        project_id__in=_project_ids_of(user)
    ).values("characterprofile_id")
    return Q(is_public=True) | Q(created_by=user) | Q(pk__in=in_projects)


def character_list_visible_to(*, user) -> QuerySet[CharacterProfile]:
    """Every character the user may see, featured first, with what list cards show."""
    return (
        CharacterProfile.objects.filter(_visible(user))
        .select_related("created_by", "training")
        .order_by("-is_featured", "name", "id")
    )


def character_editable_by(*, user) -> QuerySet[CharacterProfile]:
    if not user.is_authenticated:
        return CharacterProfile.objects.none()
    if rules.is_moderator(user):
        return CharacterProfile.objects.all()
    editing = CharacterProfile.projects.through.objects.filter(
        Q(project__owner=user) | Q(project__memberships__user=user, project__memberships__role="editor")
    ).values("characterprofile_id")
    return CharacterProfile.objects.filter(Q(created_by=user) | Q(pk__in=editing))


def character_get_for_user(*, user, slug: str | None = None, pk=None) -> CharacterProfile:
    """The character if the user may see it; otherwise 404, exactly as if it did not exist."""
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    try:
        character = character_list_visible_to(user=user).filter(**lookup).first()
    except (TypeError, ValueError):
        character = None
    if character is None:
        raise Http404("No character found.")
    return character


def character_slug_redirect_target(*, user, slug: str) -> CharacterProfile | None:
    redirect = CharacterSlugRedirect.objects.filter(old_slug=slug).select_related("character").first()
    if redirect and rules.can_view(user, redirect.character):
        return redirect.character
    return None


def tag_with_descendants(tag_id: int) -> RawSQL:
    """The ids of a tag and everything under it, in one recursive query (the tree may be any depth)."""
    table = Tag._meta.db_table
    sql = (
        f"WITH RECURSIVE subtree(id) AS (SELECT id FROM {table} WHERE id = %s "
        f"UNION SELECT child.id FROM {table} child JOIN subtree ON child.parent_id = subtree.id) "
        "SELECT id FROM subtree"
    )
    return RawSQL(sql, (tag_id,))


def characters_tagged(queryset: QuerySet[CharacterProfile], tag: Tag) -> QuerySet[CharacterProfile]:
    return queryset.filter(
        pk__in=CharacterProfile.tags.through.objects.filter(tag_id__in=tag_with_descendants(tag.pk)).values(
            "characterprofile_id"
        )
    )


def projects_visible_to(*, user) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    if user.has_perm(rules.VIEW):
        return Project.objects.select_related("owner")
    return Project.objects.filter(pk__in=_project_ids_of(user)).select_related("owner")


def project_get_for_user(*, user, slug: str | None = None, pk=None) -> Project:
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    try:
        project = projects_visible_to(user=user).filter(**lookup).first()
    except (TypeError, ValueError):
        project = None
    if project is None:
        raise Http404("No project found.")
    return project


def character_images(*, character: CharacterProfile) -> QuerySet[ReferenceImage]:
    return character.images.order_by("order", "id")


def reference_image_upload_access(*, user, name: str) -> UploadAccess:
    """A reference image (or its variants) is for whoever may see its character."""
    showing = ReferenceImage.objects.filter(Q(image=name) | Q(thumbnail=name) | Q(web_image=name))
    characters = CharacterProfile.objects.filter(pk__in=showing.values("character_id"))
    if characters.filter(is_public=True).exists():
        return UploadAccess.PUBLIC
    if characters.filter(_visible(user)).exists():
        return UploadAccess.RESTRICTED
    return UploadAccess.NONE


def character_personas_visible_to(*, user, character: CharacterProfile):
    from persona.selectors import persona_list_visible_to

    return persona_list_visible_to(user=user).filter(character_link__character=character)


def character_for_persona(*, user, persona) -> CharacterProfile | None:
    link = getattr(persona, "character_link", None)
    character = link.character if link else None
    return character if character is not None and rules.can_view(user, character) else None


def tag_tree() -> list[tuple[Tag, int]]:
    """Every tag with its depth, each followed by the tags under it (names in order at each level)."""
    children: dict[int | None, list[Tag]] = {}
    for tag in Tag.objects.order_by("name"):
        children.setdefault(tag.parent_id, []).append(tag)
    ordered, stack = [], [(tag, 0) for tag in reversed(children.get(None, []))]
    while stack:
        tag, depth = stack.pop()
        ordered.append((tag, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(tag.pk, [])))
    return ordered


def characters_similar_to(*, user, character: CharacterProfile, limit: int = 5) -> list[CharacterProfile]:
    """The visible characters whose embeddings are nearest the character's (cosine similarity), each
    with `similarity`. Compared in Python over the most recently changed candidates: see the README."""
    from characters.embedding import cosine_ranking  # scikit-learn loads on first use only

    own = TrainingProfile.objects.filter(character=character, status=TrainingStatus.COMPLETE).first()
    if own is None or not own.embedding:
        return []
    target, method = own.embedding, own.embedding_method
    candidates = (
        character_list_visible_to(user=user)
        .filter(
            training__status=TrainingStatus.COMPLETE,
            training__embedding_method=method,
        )
        .exclude(pk=character.pk)
        .order_by("-updated_at")
        .values_list("pk", "training__embedding")[: settings.CHARACTERS_SIMILAR_CANDIDATES]
    )
    ranking = cosine_ranking(target, dict(candidates))[:limit]
    found = CharacterProfile.objects.in_bulk([pk for pk, _ in ranking])
    similar = []
    for pk, score in ranking:
        found[pk].similarity = score
        similar.append(found[pk])
    return similar
