"""Live positions: where an eligible persona stands in an attribute's rating order right now, among
those competing for the bands (T4-T1 have their own exact ranks). The order is the boards' own:
rating, then who reached it first, then id.

With Redis (REDIS_URL) each attribute is a sorted set updated after every live rating change and by the
daily recalculation (the members it moved; the whole set when it moved many, or when the set lost
members); without it the same questions are answered by an indexed count over the standings.
Positions are approximate between two daily recalculations; bands are not.
"""

from functools import cache

import redis
from django.conf import settings
from django.db.models import Q

from core.redis_cache import is_redis_cache
from metrics.models import Standing
from metrics.tiers import Tier

KEY_PREFIX = "metrics:live:"
SECONDS_SPAN = 10**10  # rated_at in seconds since 1970 fits below this until the year 2286
REBUILD_BATCH = 10000  # members per ZADD when a set is rebuilt


def sort_score(rating: float, rated_at) -> int:
    """One number in board order (higher first): the rating in hundredths, then the earlier time."""
    seconds = int(rated_at.timestamp()) if rated_at else SECONDS_SPAN - 1
    return round(rating * 100) * SECONDS_SPAN + (SECONDS_SPAN - 1 - seconds)


def sort_score_sql(rating: str, rated_at: str, vendor: str) -> str:
    """`sort_score` as an SQL expression over these columns, for PostgreSQL or SQLite (a test holds the
    two equal), so rebuilding a set reads finished scores instead of converting every row in Python."""
    seconds = {
        "postgresql": f"FLOOR(EXTRACT(EPOCH FROM {rated_at}))",
        # Django keeps "YYYY-MM-DD HH:MM:SS.ffffff" in UTC; strftime would round the fraction up
        "sqlite": f"strftime('%%s', substr({rated_at}, 1, 19))",
    }[vendor]
    last = SECONDS_SPAN - 1
    return (
        f"CAST(ROUND({rating} * 100) AS BIGINT) * {SECONDS_SPAN}"
        f" + ({last} - COALESCE(CAST({seconds} AS BIGINT), {last}))"
    )


class RedisPositions:
    keeps_members = True  # a sorted set per attribute, which the daily recalculation updates or rebuilds

    def __init__(self, client):
        self.client = client

    def place(self, attribute_id: int, entries: dict[int, int]) -> None:
        """entries: persona id -> sort_score."""
        if entries:
            self.client.zadd(_key(attribute_id), {str(pk): score for pk, score in entries.items()})

    def remove(self, attribute_ids, persona_id: int) -> None:
        pipeline = self.client.pipeline(transaction=False)
        for attribute_id in attribute_ids:
            pipeline.zrem(_key(attribute_id), str(persona_id))
        pipeline.execute()

    def position(self, attribute_id: int, persona_id: int) -> int | None:
        rank = self.client.zrevrank(_key(attribute_id), str(persona_id))
        return None if rank is None else rank + 1

    def would_be(self, attribute_id: int, score: int) -> int:
        return self.client.zcount(_key(attribute_id), f"({score}", "+inf") + 1

    def replace(self, attribute_id: int, persona_ids: list[int], entries: dict[int, int]) -> None:
        """Of these personas, those in `entries` (persona id -> sort_score) are placed, the others removed."""
        pipeline = self.client.pipeline(transaction=False)
        removed = [str(pk) for pk in persona_ids if pk not in entries]
        if removed:
            pipeline.zrem(_key(attribute_id), *removed)
        if entries:
            pipeline.zadd(_key(attribute_id), {str(pk): score for pk, score in entries.items()})
        pipeline.execute()

    def holds(self, attribute_id: int, members: int) -> bool:
        """Whether the attribute's set holds this many members (else it missed changes: rebuild it)."""
        return self.client.zcard(_key(attribute_id)) == members

    def rebuild(self, attribute_id: int, entries) -> None:
        """Replace the attribute's set at once: batches added to a temporary key through one pipeline,
        which then replaces the old set (renamed over it, or the old one deleted when nobody competes)."""
        temporary = f"{_key(attribute_id)}:building"
        pipeline = self.client.pipeline(transaction=False)
        pipeline.delete(temporary)
        batch, added = {}, 0
        for persona_id, score in entries:
            batch[str(persona_id)] = score
            if len(batch) >= REBUILD_BATCH:
                pipeline.zadd(temporary, batch)
                added, batch = added + len(batch), {}
        if batch:
            pipeline.zadd(temporary, batch)
            added += len(batch)
        if added:
            pipeline.rename(temporary, _key(attribute_id))
        else:
            pipeline.delete(_key(attribute_id))
        pipeline.execute()


class DatabasePositions:
    """The same answers from the standings table (small, Redis-less deployments)."""

    keeps_members = False  # the standings themselves are the order

    def place(self, attribute_id: int, entries: dict[int, int]) -> None:
        """Nothing to do: the standings themselves are the order."""

    def remove(self, attribute_ids, persona_id: int) -> None:
        """Nothing to do: an ineligible standing is not counted."""

    def position(self, attribute_id: int, persona_id: int) -> int | None:
        standing = Standing.objects.filter(attribute_id=attribute_id, persona_id=persona_id, eligible=True)
        standing = standing.exclude(tier__lte=Tier.WATCHERS).first()
        if standing is None:
            return None
        return self._ahead_of(attribute_id, standing.rating, standing.rated_at, persona_id) + 1

    def would_be(self, attribute_id: int, score: int) -> int:
        rating = (score // SECONDS_SPAN) / 100
        return _competing(attribute_id).filter(rating__gt=rating - 0.005).count() + 1

    def _ahead_of(self, attribute_id: int, rating: float, rated_at, persona_id: int) -> int:
        better = Q(rating__gt=rating)
        if rated_at is not None:
            better |= Q(rating=rating, rated_at__lt=rated_at) | Q(
                rating=rating, rated_at=rated_at, persona_id__lt=persona_id
            )
        return _competing(attribute_id).filter(better).count()


def _competing(attribute_id: int):
    return Standing.objects.filter(attribute_id=attribute_id, eligible=True).exclude(tier__lte=Tier.WATCHERS)


def _key(attribute_id: int) -> str:
    return f"{KEY_PREFIX}{attribute_id}"


def live_positions() -> RedisPositions | DatabasePositions:
    location = _redis_location()
    return RedisPositions(_client(location)) if location else DatabasePositions()


def _redis_location() -> str | None:
    cache_settings = settings.CACHES["default"]
    if not is_redis_cache(cache_settings["BACKEND"]):
        return None
    return cache_settings["LOCATION"]


@cache
def _client(location: str):
    """One connection pool per process, on the cache's Redis database (clearing the cache clears them)."""
    return redis.Redis.from_url(location)
