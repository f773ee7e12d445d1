"""What every signed-in request asks about its user first, what they may do: their own and their groups'
permissions (accounts' backend) and the personas shared with them (persona.shares): two queries on
every request, or a few cache reads.

The facts are kept under one version for everyone: any change to who may do what (a share given or
taken back, a group's members or permissions, a user's own permissions) starts a new version at once
and again when its transaction commits, since a request that read the old rows just before the commit
may store them under the version started at once. A change the ORM does not announce (raw SQL, a
restored backup) is seen after ACCESS_CACHE_SECONDS at most; 0 turns the cache off. Every process must
share the cache (Redis) to hear of another's change: the embedded local-memory cache is per process.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from core.cache import cache_version, cache_version_bump

NAMESPACE = "access"
Fact = TypeVar("Fact")


def access_fact(user, name: str, compute: Callable[[], Fact]) -> Fact:
    """`compute()` for this user, from the cache while nothing changed who may do what."""
    seconds = settings.ACCESS_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = f"access:{cache_version(NAMESPACE)}:{user.pk}:{int(user.is_superuser)}:{name}"
    fact = cache.get(key)
    if fact is None:
        fact = compute()
        cache.set(key, fact, timeout=seconds)
    return fact


def access_changed(**_signal_arguments) -> None:
    """Forget every user's cached facts (usable as a signal receiver)."""
    cache_version_bump(NAMESPACE, at_once=True)
