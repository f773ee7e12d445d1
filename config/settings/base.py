"""Settings shared by every environment, read from the environment (see .env.example).

With nothing set Yayay runs embedded: SQLite in a file, a local-memory cache and eager Celery.
"""

import re
from datetime import time, timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "simple_history",
    "axes",
    "csp",
    "taggit",
    "core",
    "accounts",
    "persona",
    "leveling",
    "prompts",
    "metrics",
    "chat",
    "content",
    "gateway",
    "home",
    "insights",
    "characters",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.RejectNulCharactersMiddleware",
    "core.middleware.AppendSlashForAnyMethodMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "insights.request_context.RequestMetadataMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "content.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# The hot statements of static SQL are prepared on PostgreSQL (core.db.planned_once_cursor); off for a
# connection pooler in transaction mode, which cannot keep a prepared statement between transactions.
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASE_PREPARED_STATEMENTS:
        # Any number turns psycopg's preparing on (Django turns it off); that cursor prepares at first use.
        _options["prepare_threshold"] = 5
    # A search ranks the first matches a scan finds (persona.search); a synchronized sequential scan
    # starts wherever another one is, so the same search would find other personas on each reload.
    _options["options"] = f"{_options.get('options', '')} -c synchronize_seqscans=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "yayay"}}

# Sessions are read from the cache (falling back to the database, written to both): a signed-in request
# saves its session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TIMEZONE = "UTC"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.ModelBackendOneQuery",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"  # your personas and what happened to them lately
LOGOUT_REDIRECT_URL = "persona:list"


def _trusted_proxies() -> int:
    value = env.str("TRUSTED_PROXIES", default="0")
    try:
        proxies = int(value)
    except ValueError:
        proxies = -1
    if proxies < 0:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES is a number of proxies (0 or more), not “{value}”.")
    return proxies


def _int_tuple(name: str, default: str, *, length: int) -> tuple[int, ...]:
    value = env.str(name, default=default)
    try:
        numbers = tuple(int(part) for part in value.split(","))
    except ValueError:
        numbers = ()
    if len(numbers) != length or any(number < 1 for number in numbers):
        raise ImproperlyConfigured(
            f"{name} is {length} whole numbers of 1 or more, comma-separated, not “{value}”."
        )
    return numbers


def _positive_seconds(name: str, default: str | None) -> float | None:
    value = env.str(name, default=default)
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0
    if not 0 < seconds <= 3600:
        raise ImproperlyConfigured(f"{name} is a number of seconds above 0 (at most 3600), not “{value}”.")
    return seconds


def _positive_number(name: str, default: str, *, cast=int) -> int | float:
    value = env.str(name, default=default)
    try:
        number = cast(value)
    except ValueError:
        number = 0
    if not number > 0:
        raise ImproperlyConfigured(f"{name} is a number above 0, not “{value}”.")
    return number


def _http_url(name: str) -> str:
    value = env.str(name, default="")
    if value and not value.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"{name} is an http:// or https:// address, not “{value}”.")
    return value


def _clock_time(name: str, default: str) -> time:
    value = env.str(name, default=default)
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} is a time of day such as 03:00, not “{value}”.") from None


def _rate(name: str, default: str) -> str:
    """A throttle rate as DRF reads it: a number of requests per second, minute, hour or day."""
    value = env.str(name, default=default)
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(
            f"{name} is a rate such as 30/minute (per second, minute, hour or day), not “{value}”."
        )
    return value


def _memory_size(name: str, default: str) -> str:
    """A PostgreSQL memory setting's value: a whole number of kB, MB or GB."""
    value = env.str(name, default=default)
    if not re.fullmatch(r"[1-9][0-9]*(kB|MB|GB)", value):
        raise ImproperlyConfigured(f"{name} is a size such as 64MB (kB, MB or GB), not “{value}”.")
    return value


# How many reverse proxies of ours stand in front of Django, each appending to X-Forwarded-For; client
# IPs (throttles, lock-out, logs) come from core.http.client_ip, which trusts the header only that far.
TRUSTED_PROXIES = _trusted_proxies()

# django-axes: lock an account+IP pair out after repeated failed log-ins.
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# guardian: anonymous users never get object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads are always served by core.uploads.views after an access check. Behind nginx, name an internal
# location here (e.g. /_protected_media/): Django answers with X-Accel-Redirect, nginx sends the bytes.
MEDIA_ACCEL_REDIRECT_PREFIX = env("MEDIA_ACCEL_REDIRECT_PREFIX", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "accounts.authentication.ApiKeyHeaderAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.ValidatedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.KeysetPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.PerUserRateThrottle",
        "core.api.throttling.PerIpRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("API_THROTTLE_USER", default="1000/hour"),
        "ip": env("API_THROTTLE_IP", default="2000/hour"),
        "answer_draft": env("PROMPTS_DRAFT_THROTTLE", default="30/hour"),
        "chat_reply": env("CHAT_REPLY_THROTTLE", default="120/hour"),
        "gateway_completion": env("GATEWAY_COMPLETION_THROTTLE", default="120/hour"),
        "insights_details": env("INSIGHTS_DETAILS_THROTTLE", default="30/minute"),
        "insights_messaging": env("INSIGHTS_MESSAGING_THROTTLE", default="10/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.YayayAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler.api_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Yayay API",
    "DESCRIPTION": "Personas, their prompts, sharing and lineage. "
    "Authenticate with `Authorization: Token <key>` or `X-API-Key: <key>` (the OpenAI-compatible "
    "endpoints take `Authorization: Bearer <key>` too).",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Fields of one name with different choices each get an enum of their own name.
    "ENUM_NAME_OVERRIDES": {
        "ContentKindEnum": "content.models.ContentKind",
        "PublishedKindEnum": "content.models.PUBLISHED_KINDS",
        "ChatRoleEnum": "content.models.ChatRole",
        "ShareRoleEnum": "persona.models.ShareRole",
        "StatusEnum": "persona.models.Status",
        "ChatMessageRoleEnum": "chat.models.MessageRole",
        "ChatMessageStatusEnum": "chat.models.MessageStatus",
        "CompletionMessageRoleEnum": "gateway.api.serializers.ROLES",
    },
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        }
    },
}

# django-csp 4: same-origin everything; no inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Anonymous visitors' persona lists and pages are cached this long (0: off); changes show at once anyway.
ANONYMOUS_CACHE_SECONDS = env.int("ANONYMOUS_CACHE_SECONDS", default=60)
ACCESS_CACHE_SECONDS = env.int("ACCESS_CACHE_SECONDS", default=300)  # core/access_cache.py
PERSONA_UNDO_WINDOW = timedelta(seconds=env.int("PERSONA_UNDO_WINDOW_SECONDS", default=30))
# After the undo window, a deleted persona waits in its owner's trash this many days, then is purged.
PERSONA_TRASH_RETENTION_DAYS = _positive_number("PERSONA_TRASH_RETENTION_DAYS", "30")
# Characters (characters/): the largest Character Card file accepted for import, and how many
# characters "similar characters" compares a character with (their embeddings, in Python).
CHARACTERS_CARD_MAX_BYTES = env.int("CHARACTERS_CARD_MAX_BYTES", default=20 * 1024 * 1024)
CHARACTERS_SIMILAR_CANDIDATES = env.int("CHARACTERS_SIMILAR_CANDIDATES", default=500)

# The language model every feature calls through core.llm: any OpenAI-compatible chat completions API
# (e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 for Ollama). Unset: those features say how
# to set it.
LLM_BASE_URL = _http_url("LLM_BASE_URL")
LLM_API_KEY = env("LLM_API_KEY", default="")
LLM_MODEL = env("LLM_MODEL", default="")
LLM_TIMEOUT_SECONDS = _positive_seconds("LLM_TIMEOUT_SECONDS", "60")
# What core.llm.context fits a conversation into: the model's context window in tokens (8192 suits most
# current models; set the model's own), and the estimate of characters per token (4 for English text).
LLM_CONTEXT_TOKENS = _positive_number("LLM_CONTEXT_TOKENS", "8192")
LLM_CHARS_PER_TOKEN = _positive_number("LLM_CHARS_PER_TOKEN", "4", cast=float)
# Chat: the most tokens one reply may take (kept free in the context window).
CHAT_REPLY_MAX_TOKENS = _positive_number("CHAT_REPLY_MAX_TOKENS", "1024")

# Prompts: how long an answer's author may edit it (while unscored), optional automatic scoring through
# a scorer named here ("" disables it; see prompts/scorers.py) on the LLM_* model unless the
# PROMPTS_SCORER_* settings name another, and the drafts each user may ask the model for.
PROMPTS_ANSWER_EDIT_WINDOW = timedelta(minutes=env.int("PROMPTS_ANSWER_EDIT_WINDOW_MINUTES", default=15))
PROMPTS_AUTO_SCORER = env("PROMPTS_AUTO_SCORER", default="")
PROMPTS_SCORER_BASE_URL = _http_url("PROMPTS_SCORER_BASE_URL")
PROMPTS_SCORER_API_KEY = env("PROMPTS_SCORER_API_KEY", default="")
PROMPTS_SCORER_MODEL = env("PROMPTS_SCORER_MODEL", default="")
PROMPTS_SCORER_TIMEOUT = _positive_seconds("PROMPTS_SCORER_TIMEOUT_SECONDS", None)

# The ranked game (metrics.policy): Gold/Silver/Bronze places, T4-T1 caps and the attribute levels
# they need, evidence and activity needed to be placed, the daily recalculation's time (UTC) and the
# rating's weights (quality, level, points, tier).
METRICS_BAND_SIZES = _int_tuple("METRICS_BAND_SIZES", "1000,2000,3000", length=3)
METRICS_RANKED_CAPS = _int_tuple("METRICS_RANKED_CAPS", "500,200,50,10", length=4)
METRICS_RANKED_LEVELS = _int_tuple("METRICS_RANKED_LEVELS", "40,60,80,95", length=4)
METRICS_MIN_REVIEWERS = env.int("METRICS_MIN_REVIEWERS", default=3)
METRICS_ACTIVE_DAYS = env.int("METRICS_ACTIVE_DAYS", default=30)
METRICS_RECALCULATE_AT = _clock_time("METRICS_RECALCULATE_AT", "03:00")
METRICS_RATING_WEIGHTS = (0.60, 0.25, 0.10, 0.05)
# The daily run recomputes the facts of a rating (evidence, levels, points) from the scores for one
# persona in this many each day, trusting the ones the live rating stored for the others; 1: everyone.
METRICS_RECONCILE_DAYS = _positive_number("METRICS_RECONCILE_DAYS", "7")
# PostgreSQL's work_mem inside the recalculation's transactions only (its sorts spill to disk at the
# server's default of 4MB); every other connection keeps the server's.
METRICS_RECALCULATION_WORK_MEM = _memory_size("METRICS_RECALCULATION_WORK_MEM", "64MB")

# Content: reactions (likes, comments, share links) allowed per user and per client IP, and views counted
# per client IP (beyond it a view is shown but not counted); see content.throttling.
CONTENT_REACTIONS_RATE_USER = _rate("CONTENT_REACTIONS_RATE_USER", "30/minute")
CONTENT_REACTIONS_RATE_IP = _rate("CONTENT_REACTIONS_RATE_IP", "120/minute")
CONTENT_VIEWS_RATE_IP = _rate("CONTENT_VIEWS_RATE_IP", "300/hour")

# Insights (insights/): the needs analyzer ("offline": built in, deterministic; "llm": the LLM_* model),
# and how long audit entries keep IP addresses and user agents (messaging: INSIGHTS_MESSAGING_THROTTLE).
INSIGHTS_ANALYZER = env("INSIGHTS_ANALYZER", default="offline")
if INSIGHTS_ANALYZER not in ("offline", "llm"):
    raise ImproperlyConfigured('INSIGHTS_ANALYZER must be "offline" or "llm".')
AUDIT_NETWORK_DATA_DAYS = env.int("AUDIT_NETWORK_DATA_DAYS", default=90)
# How long a persona's assembled details stay cached (its edits are read at once: they change the key).
INSIGHTS_DETAILS_CACHE_SECONDS = env.int("INSIGHTS_DETAILS_CACHE_SECONDS", default=3600)

# Celery beat (docker-compose runs it): the daily recalculation of ratings, bands and ladders.
CELERY_BEAT_SCHEDULE = {
    "metrics-daily-recalculation": {
        "task": "metrics.tasks.standings_recalculate_daily",
        "schedule": crontab(hour=METRICS_RECALCULATE_AT.hour, minute=METRICS_RECALCULATE_AT.minute),
    },
    # Personas whose time in the trash is over (PERSONA_TRASH_RETENTION_DAYS) are deleted for good.
    "persona-trash-purge": {
        "task": "persona.tasks.persona_trash_purge",
        "schedule": crontab(hour=4, minute=30),
    },
    # Images kept for forms that came back with errors (core.uploads.stash), once their tokens expired.
    "uploads-stash-clean": {"task": "core.tasks.upload_stash_clean", "schedule": crontab(minute=15)},
    "insights-audit-network-data-purge": {
        "task": "insights.tasks.audit_network_data_purge",
        "schedule": crontab(hour=4, minute=10),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "activity": {
            "()": "core.logging.ActivityFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "activity"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Tags (django-taggit): "Fantasy" and "fantasy" are one tag; persona.tags stores them in lower case.
TAGGIT_CASE_INSENSITIVE = True

# Outgoing e-mail (password reset, e-mail change): django-environ's email URL, e.g.
# smtp+tls://user:password@smtp.example.com:587; by default messages are printed to the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Yayay <noreply@localhost>")
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_SECONDS", default=3 * 24 * 3600)
