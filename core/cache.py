"""What anonymous visitors see, cached for a short while and dropped as soon as its content changes.

Anonymous visitors all see the same page for the same address, so one rendering serves them all.
Each cached page belongs to a namespace ("personas") whose version is part of the key; a change to the
content bumps the version after its transaction commits, and every page of the old version is simply
never asked for again (it expires on its own). A visitor with a session, a messages cookie or API
credentials is never served from, nor stored in, the cache.

The versions serve caches of data too (`cache_version`, `cache_version_bump`): metrics' boards keep
their data under a version per attribute.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

CREDENTIAL_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_X_API_KEY")
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def anonymous_cache(namespace: str):
    """Decorate a view (or a DRF view's dispatch) whose anonymous GET answers depend only on the URL."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _page_key(namespace, request)
            cached = cache.get(key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            _store_when_rendered(response, key, request)
            return response

        return wrapper

    return decorator


def anonymous_cache_invalidate(namespace: str) -> None:
    """Start a new version of the namespace once the current transaction commits."""
    cache_version_bump(namespace)


def cache_version(namespace: str) -> int:
    """The current version of a namespace of cached things: part of their keys, so one bump retires them
    all at once (started on first use; whoever adds it first wins a race)."""
    version = cache.get(_version_key(namespace))
    if version is None:
        version = time.time_ns()
        cache.add(_version_key(namespace), version, timeout=None)
        version = cache.get(_version_key(namespace), version)
    return version


def cache_version_bump(namespace: str, *, at_once: bool = False) -> None:
    """Start a new version of the namespace once the current transaction commits (at once outside one);
    `at_once` also starts one right away, for what the changing transaction reads again itself."""
    if at_once:
        cache.set(_version_key(namespace), time.time_ns(), timeout=None)
    transaction.on_commit(lambda: cache.set(_version_key(namespace), time.time_ns(), timeout=None))


def _cacheable_request(request) -> bool:
    if settings.ANONYMOUS_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if any(header in request.META for header in CREDENTIAL_HEADERS):
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _page_key(namespace: str, request) -> str:
    version = cache_version(namespace)
    address = "|".join(
        [request.method, request.get_host(), request.get_full_path(), request.META.get("HTTP_ACCEPT", "")]
    )
    return f"anon-page:{namespace}:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def _version_key(namespace: str) -> str:
    return f"cache-version:{namespace}"


def _store_when_rendered(response, key: str, request) -> None:
    def store(rendered):
        # A page that set a cookie or used a CSRF token was made for this visitor alone.
        personal = rendered.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if rendered.status_code == 200 and not personal and not rendered.streaming:
            cache.set(key, rendered, timeout=settings.ANONYMOUS_CACHE_SECONDS)

    if hasattr(response, "add_post_render_callback") and not response.is_rendered:
        response.add_post_render_callback(store)
    else:
        store(response)
