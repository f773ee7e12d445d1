import os
import tempfile

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="yayay-test-media-"))  # noqa: F405
# Tests run against whatever the environment gives: SQLite/locmem when empty, PostgreSQL/Redis in CI.
# Each pytest-xdist worker gets its own Redis database, since clearing the cache flushes a whole one.
if REDIS_URL:  # noqa: F405
    _base, _, _db = REDIS_URL.rstrip("/").rpartition("/")  # noqa: F405
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw-1").removeprefix("gw")) + 2
    CACHES["default"]["LOCATION"] = f"{_base}/{int(_db if _db.isdigit() else 0) + _worker}"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True
# Test transactions never commit, so the cache would not hear of changes (core/tests/test_cache.py: on).
ANONYMOUS_CACHE_SECONDS = 0
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "user": "100000/hour",
        "ip": "100000/hour",
        "answer_draft": "100000/hour",
        "chat_reply": "100000/hour",
        "gateway_completion": "100000/hour",
        "insights_details": "100000/hour",
        "insights_messaging": "100000/hour",
    },
}
CONTENT_REACTIONS_RATE_USER = CONTENT_REACTIONS_RATE_IP = CONTENT_VIEWS_RATE_IP = "100000/hour"
# Tests needing a language model start a local one (the llm_server fixture), never the environment's.
LLM_BASE_URL = LLM_API_KEY = LLM_MODEL = ""
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
