"""The Redis cache backend, keeping one redis-py client per server instead of building one per call.

Django's RedisCacheClient.get_client makes a new `redis.Redis` for every cache operation, and each one
fills a table of some 170 response callbacks first (~0.1 ms; a signed-in page makes half a dozen). The
client holds no connection of its own (the pool hands them out), and Django gives each thread its own
cache object, so one client per server pool serves every call alike.
"""

from django.core.cache.backends import redis as django_redis


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


def is_redis_cache(backend_path: str) -> bool:
    """Whether CACHES' BACKEND names a Redis cache (this one or Django's own)."""
    return backend_path in (f"{__name__}.RedisCache", "django.core.cache.backends.redis.RedisCache")
