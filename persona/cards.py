"""What a persona card (persona/_card.html) shows besides the persona's own row, for a whole list at once.

Every list renders cards through one template, and every list passes its personas through
`personas_for_cards` first: tags, visible forks and the facts other apps add come in a fixed number of
queries per page, whatever its length (tests pin the count). Other apps add facts without persona
importing them: from their AppConfig.ready, `card_facts_register(key, provider)` with a provider taking
persona ids and returning {persona id: value}; the card reads `persona.card_facts.<key>` (leveling adds
"level", metrics "tier").
"""

from collections import defaultdict
from collections.abc import Callable

from core.db import rows_for_ids
from persona.models import Persona, PersonaTag
from persona.selectors import persona_fork_counts_visible_to

_providers: dict[str, Callable[..., dict]] = {}


def card_facts_register(key: str, provider: Callable[..., dict]) -> None:
    _providers[key] = provider


def personas_for_cards(personas, *, user, forks_counted: dict[int, int] | None = None):
    """`personas` (a list, a queryset or a paginator's page) with `card_tags`, `forks_count` and
    `card_facts` set on each; a page keeps being a page, its object list now a list. `forks_counted`
    ({persona id: visible forks}, from a page that has read them already) spares counting them."""
    items = list(personas.object_list if hasattr(personas, "object_list") else personas)
    _attach(items, user, forks_counted)
    if hasattr(personas, "object_list"):
        personas.object_list = items
        return personas
    return items


def _attach(personas: list[Persona], user, forks_counted: dict[int, int] | None) -> None:
    ids = [persona.pk for persona in personas]
    if not ids:
        return
    tags = persona_tag_names(ids)
    forks = forks_counted
    if forks is None:
        forks = persona_fork_counts_visible_to(user=user, persona_ids=ids)
    facts = {key: provider(persona_ids=ids) for key, provider in _providers.items()}
    for persona in personas:
        persona.card_tags = tags.get(persona.pk, [])
        persona.forks_count = forks.get(persona.pk, 0)
        persona.card_facts = {key: values.get(persona.pk) for key, values in facts.items()}


TAG_TABLE = PersonaTag.tag.field.related_model._meta.db_table
TAG_NAMES = f"""
SELECT pt.content_object_id, t.name
FROM {PersonaTag._meta.db_table} pt JOIN {TAG_TABLE} t ON t.id = pt.tag_id
WHERE pt.content_object_id IN ({{ids}})
ORDER BY t.name
"""


def persona_tag_names(ids: list[int]) -> dict[int, list[str]]:
    """Persona id -> its tag names, alphabetically (one query; personas without tags are left out)."""
    names = defaultdict(list)
    for persona_id, name in rows_for_ids(TAG_NAMES, ids):
        names[persona_id].append(name)
    return names
