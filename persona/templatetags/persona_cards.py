"""`{% persona_cards personas heading="h3" %}`: the cards of a list (persona/_card.html), after
persona.cards.personas_for_cards. Rendering twenty cards is most of a list page's time, so each card is
kept in the cache under a digest of everything it shows (the persona's fields, its tags, facts and forks
as read for this page, the heading, today's date for "today"/"yesterday", the card templates' source):
a rename, a new tag or level is another key, never a stale card. All of a page's cards come in one
cache read."""

import hashlib
from functools import cache as once

from django import template
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()

CARD_TEMPLATES = ("persona/_card.html", "persona/_badges.html", "persona/_avatar.html")
CARD_CACHE_SECONDS = 600


@register.simple_tag
def persona_cards(personas, heading: str = "h2"):
    personas = list(personas)
    keys = [_card_key(persona, heading) for persona in personas]
    cached = cache.get_many(keys)
    rendered = {}
    for persona, key in zip(personas, keys, strict=True):
        if key not in cached:
            rendered[key] = render_to_string(CARD_TEMPLATES[0], {"persona": persona, "card_heading": heading})
    if rendered:
        cache.set_many(rendered, timeout=CARD_CACHE_SECONDS)
    cards = {**cached, **rendered}
    return mark_safe("".join(cards[key] for key in keys))


def _card_key(persona, heading: str) -> str:
    facts = sorted((key, str(value)) for key, value in persona.card_facts.items())
    shown = (
        persona.pk,
        persona.name,
        persona.slug,
        persona.description,
        persona.thumbnail.name,
        persona.is_default,
        persona.visibility,
        persona.status,
        persona.forked_from_id is not None,
        persona.owner.username,
        persona.created_at.isoformat(),
        persona.card_tags,
        facts,
        persona.forks_count,
        heading,
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        _templates_digest(),
    )
    return f"persona-card:{hashlib.sha256(repr(shown).encode()).hexdigest()}"


@once
def _templates_digest() -> str:
    """A new deployment's card markup is not served from an old one's cache."""
    sources = "".join(get_template(name).template.source for name in CARD_TEMPLATES)
    return hashlib.sha256(sources.encode()).hexdigest()[:16]
