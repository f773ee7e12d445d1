from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from core.uploads import UploadAccess
from persona import rules
from persona.models import Persona, PersonaPreference, PersonaSlugRedirect, Visibility


def _readable_by(user, *, among: QuerySet[Persona] | None = None) -> Q:
    """Personas a user may open by link: not private, own, shared, or any when moderating. Narrowing
    `among` to the few candidates keeps the share look-up from planning over the whole table."""
    if not user.is_authenticated:
        return ~Q(visibility=Visibility.PRIVATE)
    candidates = Persona.objects.all() if among is None else among
    shared = get_objects_for_user(user, rules.VIEW, klass=candidates, accept_global_perms=True)
    return ~Q(visibility=Visibility.PRIVATE) | Q(owner=user) | Q(pk__in=shared.values("pk"))


def persona_upload_access(*, user, name: str) -> UploadAccess:
    """An image or thumbnail is for whoever may open a live persona showing it, and no one else. Forks
    share their parent's image file: a public fork keeps it public when the parent turns private (it is
    the fork's picture too); a private fork keeps it for the fork's owner and sharers."""
    showing = Persona.objects.filter(Q(image=name) | Q(thumbnail=name))
    if showing.filter(visibility=Visibility.PUBLIC).exists():
        return UploadAccess.PUBLIC
    if showing.filter(_readable_by(user, among=showing)).exists():
        return UploadAccess.RESTRICTED
    return UploadAccess.NONE


def persona_list_visible_to(*, user) -> QuerySet[Persona]:
    """Listed and searchable: public, plus own and shared ones; unlisted ones of others never."""
    listed = Q(visibility=Visibility.PUBLIC)
    if user.is_authenticated:
        shared = get_objects_for_user(user, rules.VIEW, klass=Persona.objects.all(), accept_global_perms=True)
        listed |= Q(owner=user) | Q(pk__in=shared.values("pk"))
    return Persona.objects.filter(listed).select_related("owner", "forked_from")


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
    """The persona if the user may see it; otherwise 404, exactly as if it did not exist."""
    return _first_or_404(persona_readable_queryset(user=user), slug, pk)


def persona_get_restorable_for_user(*, user, slug: str | None = None, pk: int | None = None) -> Persona:
    """A persona, soft-deleted or not, that the user may restore (owner or moderator); otherwise 404."""
    persona = _first_or_404(Persona.all_objects.select_related("owner"), slug, pk)
    if not rules.can_manage(user, persona):
        raise Http404("No persona found.")
    return persona


def persona_slug_redirect_target(*, user, slug: str) -> Persona | None:
    redirect = PersonaSlugRedirect.objects.filter(old_slug=slug).select_related("persona").first()
    if redirect and rules.can_view(user, redirect.persona):
        return redirect.persona
    return None


def persona_forks_visible_to(*, user, persona: Persona) -> QuerySet[Persona]:
    return persona_list_visible_to(user=user).filter(forked_from=persona)


def persona_parent_visible_to(*, user, persona: Persona) -> Persona | None:
    parent = persona.forked_from
    return parent if parent is not None and rules.can_view(user, parent) else None


def persona_related_counts(*, persona: Persona) -> dict[str, int]:
    """Counts of every kind of row hanging on the persona, whichever app added the relation.
    One COUNT per relation: a single query joining them all would multiply the rows."""
    return {
        rel.related_name: rel.related_model._default_manager.filter(**{rel.field.name: persona}).count()
        for rel in Persona._meta.related_objects
        if rel.one_to_many and rel.related_name not in (None, "+")
    }


def persona_preferred_for(*, user) -> Persona | None:
    preference = PersonaPreference.objects.filter(user=user).select_related("persona").first()
    if preference and preference.persona and rules.can_view(user, preference.persona):
        return preference.persona
    return None


def persona_default() -> Persona | None:
    return Persona.objects.filter(is_default=True).first()
