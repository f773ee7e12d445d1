"""Slugs for things people name (personas, characters): the name's slug with a random suffix, unique
among the slugs in use now and the old slugs kept for redirects."""

import secrets
import string
from collections.abc import Callable

from django.utils.text import slugify

SLUG_SUFFIX_LENGTH = 6
SLUG_ALPHABET = string.ascii_lowercase + string.digits


def unique_slug(name: str, *, in_use: Callable[[str], bool], fallback: str, max_length: int = 120) -> str:
    """The name's slug with a random suffix, always: a suffix only when the plain slug is taken would
    tell whoever creates "Secret Project" that a thing they cannot see already has that slug.
    `in_use(candidate)` says whether a live row or an old slug's redirect holds the candidate."""
    base = (slugify(name) or fallback)[: max_length - SLUG_SUFFIX_LENGTH - 1]
    while True:
        suffix = "".join(secrets.choice(SLUG_ALPHABET) for _ in range(SLUG_SUFFIX_LENGTH))
        candidate = f"{base}-{suffix}"
        if not in_use(candidate):
            return candidate
