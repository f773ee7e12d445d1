"""Which personas a caller may use as models. Archived personas are retired by their owners: they are
neither listed nor answer, like deleted ones."""

from django.db.models import Q
from django.http import Http404

from persona.models import Persona, Status
from persona.selectors import persona_get_for_user, persona_list_visible_to, persona_slug_redirect_target
from persona.shares import persona_ids_shared_with

# OpenAI's model list has no pages, and public personas may number millions: the list holds the
# caller's own and shared personas, then the most popular public ones. Any other persona the caller may
# open (an unlisted one by its link) still answers by its slug.
MODEL_LIST_LIMIT = 500


def gateway_model_list_for(*, user) -> list[Persona]:
    usable = persona_list_visible_to(user=user).exclude(status=Status.ARCHIVED)
    own_and_shared = usable.filter(Q(owner=user) | Q(pk__in=persona_ids_shared_with(user=user)))
    personas = list(own_and_shared.order_by("-updated_at", "-pk")[:MODEL_LIST_LIMIT])
    room = MODEL_LIST_LIMIT - len(personas)
    if room > 0:
        popular = usable.public().exclude(pk__in=[persona.pk for persona in personas])
        personas += popular.order_by("-popularity_score", "-id")[:room]
    return personas


def gateway_model_get_for(*, user, slug: str, archived_too: bool = False) -> Persona:
    """The persona a client names as its model, by its slug or one it had before a rename; 404 for one
    the caller may not open, exactly as if it did not exist, and for an archived one unless
    `archived_too` (completions say why it does not answer)."""
    try:
        persona = persona_get_for_user(user=user, slug=slug)
    except Http404:
        persona = persona_slug_redirect_target(user=user, slug=slug)
    if persona is None or (persona.status == Status.ARCHIVED and not archived_too):
        raise Http404("No persona found.")
    return persona
