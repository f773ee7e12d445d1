"""The boards' shared data (each band's and ladder's order, the tier counts), cached under a version per
attribute. Boards change only with live ratings and the daily recalculation, and both bump the version:
`standings_refresh` after it commits, the recalculation when it commits. What each viewer sees of their
own personas is never cached here. Entries (names, portraits) are read fresh for each page, so the
cache holds ids and numbers only; the timeout bounds what an unnoticed change could leave behind."""

from collections.abc import Callable, Iterable

from django.core.cache import cache

from core.cache import cache_version, cache_version_bump

BOARD_CACHE_SECONDS = 600


def boards_invalidate(attribute_id: int) -> None:
    """The attribute's boards are recomputed on their next read, once the current transaction commits."""
    cache_version_bump(_namespace(attribute_id))


def boards_invalidate_for(standings: Iterable) -> None:
    """After a live change of one persona's standings: only boards it holds a place on (or held one on,
    until this change made it ineligible) can look different; other personas are on no board."""
    for attribute_id in {standing.attribute_id for standing in standings if standing.tier is not None}:
        boards_invalidate(attribute_id)


def boards_cached(attribute_id: int, name: str, compute: Callable):
    """The named piece of the attribute's board data, computed once per version."""
    namespace = _namespace(attribute_id)
    key = f"{namespace}:{cache_version(namespace)}:{name}"
    return cache.get_or_set(key, compute, timeout=BOARD_CACHE_SECONDS)


def _namespace(attribute_id: int) -> str:
    return f"boards:{attribute_id}"
