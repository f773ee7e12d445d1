from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core.uploads import UploadAccess
from persona import rules
from persona.models import (
    Persona,
    PersonaGroupObjectPermission,
    PersonaPreference,
    PersonaSlugRedirect,
    PersonaUserObjectPermission,
    Status,
    Visibility,
)
from persona.shares import persona_ids_shared_with

SHARE_RIGHTS = (PersonaUserObjectPermission, PersonaGroupObjectPermission)


def _granted(user, permission: str) -> Q | None:
    """Own and shared personas; None when the user holds the permission for every persona (moderators)."""
    if user.has_perm(permission):
        return None
    return Q(owner=user) | Q(pk__in=persona_ids_shared_with(user=user, permission=permission))


def _readable_by(user) -> Q:
    """Personas a user may open by link: not private, own, shared, or any when moderating."""
    if not user.is_authenticated:
        return ~Q(visibility=Visibility.PRIVATE)
    granted = _granted(user, rules.VIEW)
    return Q() if granted is None else ~Q(visibility=Visibility.PRIVATE) | granted


def persona_upload_access(*, user, name: str) -> UploadAccess:
    """An image or thumbnail is for whoever may open a live persona showing it, and no one else. Forks
    share their parent's image file: a public fork keeps it public when the parent turns private (it is
    the fork's picture too); a private fork keeps it for the fork's owner and sharers."""
    showing = Persona.objects.filter(Q(image=name) | Q(thumbnail=name))
    if showing.filter(visibility=Visibility.PUBLIC).exists():
        return UploadAccess.PUBLIC
    if showing.filter(_readable_by(user)).exists():
        return UploadAccess.RESTRICTED
    return UploadAccess.NONE


def _listed_for(user) -> Q:
    """Public, plus own and shared ones (all for moderators); unlisted ones of others never. Drafts are
    work in progress: listed for their editors (owner, "edit" shares, moderators) only, even when
    public; others may still open one by its link."""
    listed = Q(visibility=Visibility.PUBLIC)
    if not user.is_authenticated:
        return listed & ~Q(status=Status.DRAFT)
    viewing, editing = _granted(user, rules.VIEW), _granted(user, rules.CHANGE)
    if editing is None:
        return Q()
    return ((listed | viewing) & ~Q(status=Status.DRAFT)) | editing


def persona_list_visible_to(*, user) -> QuerySet[Persona]:
    """Listed and searchable: see _listed_for (archived ones included; browse lists leave them out
    unless asked, persona_browsable)."""
    return Persona.objects.filter(_listed_for(user)).select_related("owner")


def persona_browsable(personas: QuerySet[Persona], *, status: str | None) -> QuerySet[Persona]:
    """A list as people browse it: of the given status, or without archived personas when none is asked
    for (they are retired, out of the way until someone filters for them)."""
    if status:
        return personas.filter(status=status)
    return personas.exclude(status=Status.ARCHIVED)


def persona_listed_with_visibility(*, user, visibility: str) -> Q:
    """The extra condition of a list filtered by visibility. Others' personas are listed only when
    public, so a private or unlisted filter can only match own and shared ones: saying so lets the
    database find them by owner and id instead of walking every persona looking for them."""
    narrowed = Q(visibility=visibility)
    if visibility == Visibility.PUBLIC or not user.is_authenticated:
        return narrowed
    granted = _granted(user, rules.VIEW)
    return narrowed if granted is None else narrowed & granted


def persona_admin_queryset(*, user) -> QuerySet[Persona]:
    """The admin's personas: those the user may read, and for moderators the soft-deleted ones too, so
    they can find them (the admin keeps those read-only). Superusers see every one."""
    personas = Persona.all_objects.select_related("owner", "forked_from", "deleted_by")
    if user.is_superuser:
        return personas
    shown = Q(deleted_at__isnull=True) & _readable_by(user)
    if user.has_perm(rules.DELETE):
        shown |= Q(deleted_at__isnull=False)
    return personas.filter(shown)


def persona_readable_queryset(*, user) -> QuerySet[Persona]:
    return Persona.objects.filter(_readable_by(user)).select_related("owner", "forked_from")


def _first_or_404(queryset: QuerySet[Persona], slug: str | None, pk) -> Persona:
    """One persona by slug or pk; a missing one, and a malformed pk from a URL, answer 404 alike."""
    try:
        persona = queryset.filter(**({"slug": slug} if slug is not None else {"pk": pk})).first()
    except (TypeError, ValueError):
        persona = None
    if persona is None:
        raise Http404("No persona found.")
    return persona


def persona_get_for_user(*, user, slug: str | None = None, pk: int | None = None) -> Persona:
    """The persona if the user may see it; otherwise 404, exactly as if it did not exist. Looked up by
    slug or id alone; whether the user may see it follows from what the request knows already (owner,
    shares, permissions: rules.can_view, the readable set's own rule), which spares composing that
    condition into the query."""
    persona = _first_or_404(Persona.objects.select_related("owner", "forked_from"), slug, pk)
    if not rules.can_view(user, persona):
        raise Http404("No persona found.")
    return persona


def persona_get_restorable_for_user(*, user, slug: str | None = None, pk: int | None = None) -> Persona:
    """A persona, soft-deleted or not, that the user may restore (owner or moderator); otherwise 404."""
    persona = _first_or_404(Persona.all_objects.select_related("owner"), slug, pk)
    if not rules.can_manage(user, persona):
        raise Http404("No persona found.")
    return persona


def persona_trash_for(*, user) -> QuerySet[Persona]:
    """The user's own deleted personas that the purge has not reached yet, latest deleted first."""
    if not user.is_authenticated:
        return Persona.objects.none()
    since = timezone.now() - timedelta(days=settings.PERSONA_TRASH_RETENTION_DAYS)
    return Persona.all_objects.filter(owner=user, deleted_at__gte=since).order_by("-deleted_at", "-id")


def persona_get_trashed_for_user(*, user, slug: str) -> Persona:
    """One of the user's own personas in the trash; anyone else's, or a live one, is 404."""
    return _first_or_404(persona_trash_for(user=user), slug, None)


def persona_slug_redirect_target(*, user, slug: str) -> Persona | None:
    redirect = PersonaSlugRedirect.objects.filter(old_slug=slug).select_related("persona").first()
    if redirect and rules.can_view(user, redirect.persona):
        return redirect.persona
    return None


def persona_forks_visible_to(*, user, persona: Persona) -> QuerySet[Persona]:
    return persona_list_visible_to(user=user).filter(forked_from=persona)


def persona_fork_counts_visible_to(*, user, persona_ids: list[int]) -> dict[int, int]:
    """Persona id -> how many of its direct forks the user may list (one grouped query)."""
    forks = persona_list_visible_to(user=user).filter(forked_from_id__in=persona_ids).order_by()
    counted = forks.values("forked_from_id").annotate(total=Count("pk"))
    return dict(counted.values_list("forked_from_id", "total"))


def persona_related_counts(*, persona: Persona) -> dict[str, int]:
    """Counts of every kind of row hanging on the persona, whichever app added the relation.
    One COUNT per relation: a single query joining them all would multiply the rows."""
    return {
        rel.related_name: rel.related_model._default_manager.filter(**{rel.field.name: persona}).count()
        for rel in Persona._meta.related_objects
        if rel.one_to_many and rel.related_name not in (None, "+") and rel.related_model not in SHARE_RIGHTS
    }


def persona_preferred_for(*, user) -> Persona | None:
    preference = PersonaPreference.objects.filter(user=user).select_related("persona").first()
    if preference and preference.persona and rules.can_view(user, preference.persona):
        return preference.persona
    return None


def persona_is_preferred_by(*, user, persona: Persona) -> bool:
    """Whether this persona, which the user may see, is the one they prefer."""
    return user.is_authenticated and PersonaPreference.objects.filter(user=user, persona=persona).exists()


def persona_preferred_among(*, user, personas: QuerySet[Persona]) -> Persona | None:
    """The user's preferred persona when it is one of `personas` (what a page offers to choose from),
    to choose it first; None otherwise."""
    if not user.is_authenticated:
        return None
    return personas.filter(pk__in=PersonaPreference.objects.filter(user=user).values("persona_id")).first()


def persona_default() -> Persona | None:
    return Persona.objects.filter(is_default=True).first()


@dataclass(frozen=True)
class ChatDefinitions:
    """What a chat with the persona sends to the model, and what it opens with."""

    system_prompt: str
    scenario: str
    example_dialogue: str
    greeting: str
    alternate_greetings: tuple[str, ...]


def persona_definitions_for_chat(*, user, persona: Persona) -> ChatDefinitions:
    """The persona's full definitions for a chat `user` holds with it, hidden ones included: the only
    read of definitions that rules.can_view_definitions keeps from the user. What it returns goes to the
    model, never into a page or an API response. A user who may not open the persona gets 404."""
    if not rules.can_view(user, persona):
        raise Http404("No persona found.")
    return ChatDefinitions(
        system_prompt=persona.system_prompt,
        scenario=persona.scenario,
        example_dialogue=persona.example_dialogue,
        greeting=persona.greeting,
        alternate_greetings=tuple(persona.alternate_greetings),
    )


LINEAGE_MAX_ANCESTORS = 50
FORK_TREE_DEPTH = 3
FORK_TREE_LEVEL_LIMIT = 60
FORK_TREE_FIELDS = ("name", "slug", "forked_from_id", "owner", "owner__username")  # what the tree shows


@dataclass
class ForkNode:
    persona: Persona
    children: list["ForkNode"]


@dataclass(frozen=True)
class Lineage:
    ancestors: list[Persona]  # the original first, up to the parent
    ancestors_hidden: bool  # the chain goes further back, to one the user may not see (or a deleted one)
    forks: list[ForkNode]  # the tree of forks the user may list, FORK_TREE_DEPTH levels deep
    forks_truncated: bool  # some level had more forks than FORK_TREE_LEVEL_LIMIT, or the tree goes deeper
    direct_forks: int  # how many forks of the persona itself the user may list, shown or not


def persona_lineage(*, user, persona: Persona) -> Lineage:
    """The chain back to the original and the tree of forks, as the user may see them: one query per
    level each way (a parent by its id; a level of forks by their parents' ids), both depth-limited.
    The first level of the tree counts the direct forks, unless it had to be cut (then one COUNT)."""
    ancestors, hidden = persona_ancestors_visible_to(user=user, persona=persona)
    forks, truncated = _fork_tree(user, persona)
    direct = len(forks)
    if direct >= FORK_TREE_LEVEL_LIMIT:  # cut at the limit: there may be more
        direct = persona_fork_counts_visible_to(user=user, persona_ids=[persona.pk]).get(persona.pk, 0)
    return Lineage(
        ancestors=ancestors,
        ancestors_hidden=hidden,
        forks=forks,
        forks_truncated=truncated,
        direct_forks=direct,
    )


def persona_ancestors_visible_to(*, user, persona: Persona) -> tuple[list[Persona], bool]:
    """Visible ancestors, the original first, and whether the chain goes on to one the user may not see."""
    ancestors, parent_id = [], persona.forked_from_id
    while parent_id is not None and len(ancestors) < LINEAGE_MAX_ANCESTORS:
        parent = Persona.objects.select_related("owner").filter(pk=parent_id).first()
        if parent is None or not rules.can_view(user, parent):
            return ancestors[::-1], True  # deleted or not for this user: the same to them
        ancestors.append(parent)
        parent_id = parent.forked_from_id
    return ancestors[::-1], parent_id is not None


def _fork_tree(user, persona: Persona) -> tuple[list[ForkNode], bool]:
    listed = persona_list_visible_to(user=user).only(*FORK_TREE_FIELDS)
    roots: list[ForkNode] = []
    level, truncated = {persona.pk: roots}, False
    for _ in range(FORK_TREE_DEPTH):
        rows = list(
            listed.filter(forked_from_id__in=level).order_by("created_at", "id")[: FORK_TREE_LEVEL_LIMIT + 1]
        )
        truncated = truncated or len(rows) > FORK_TREE_LEVEL_LIMIT
        next_level = {}
        for fork in rows[:FORK_TREE_LEVEL_LIMIT]:
            node = ForkNode(persona=fork, children=[])
            level[fork.forked_from_id].append(node)
            next_level[fork.pk] = node.children
        if not next_level:
            return roots, truncated
        level = next_level
    deeper = listed.filter(forked_from_id__in=level).exists()
    return roots, truncated or deeper
