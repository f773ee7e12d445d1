"""The Redis cache backend (core.redis_cache): the same answers as Django's, from one redis-py client
per server instead of a new one for every call."""

import os
import threading

import pytest
from django.core.cache import cache, caches

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="The Redis cache needs REDIS_URL (.ci/run sets it)."
)


def test_every_kind_of_call_answers_as_a_cache_does():
    cache.set("greeting", {"text": "hello"}, 30)
    cache.set_many({"a": 1, "b": 2}, 30)
    assert cache.get("greeting") == {"text": "hello"}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert cache.incr("a") == 2
    assert cache.add("a", 5) is False and cache.get("a") == 2
    cache.delete("greeting")
    assert cache.get("greeting", "gone") == "gone"


def test_one_client_serves_every_call_of_a_thread():
    clients = {id(cache._cache.get_client(key, write=write)) for key in "abc" for write in (False, True)}
    assert len(clients) == 1


def test_what_one_thread_writes_another_reads():
    cache.set("shared", "written", 30)
    seen = []

    def read():
        seen.append(caches["default"].get("shared"))  # that thread's own cache object and client

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    assert seen == ["written"]
