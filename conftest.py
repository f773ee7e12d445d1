"""Fixtures shared by every app: the cast (alice owns, bob is shared with, charlie is a stranger,
maude moderates), API clients and the browser set-up."""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.tests.factories import DEMO_PASSWORD, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


def log_in(page, live_server, username: str) -> None:
    """Sign in through the log-in page, as a person would (the factories' users share one password)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def open_menu(page) -> None:
    """On a phone the navigation folds behind its Menu button; open it so its links can be used."""
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
        menu.click()


def open_account_menu(page) -> None:
    """The account's pages and "Log out" sit in the menu under the user's name (in the phone's menu too)."""
    open_menu(page)
    account = page.locator("details.account-menu")
    if not account.evaluate("menu => menu.open"):
        account.locator("summary").click()


def log_out(page) -> None:
    open_account_menu(page)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache may be a shared Redis: throttles and lock-outs must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


@pytest.fixture
def charlie(db):
    return UserFactory(username="charlie")


@pytest.fixture
def maude(db):
    return UserFactory(username="maude", groups=["moderators"])


@pytest.fixture
def moderator_client(client, maude):
    """Maude, a moderator with admin access, logged in."""
    maude.is_staff = True
    maude.save()
    client.force_login(maude)
    return client


@pytest.fixture
def staff_reviewer(db):
    """Ruth reviews in the admin: the "reviewers" group and staff status, no rights on personas."""
    return UserFactory(username="ruth", groups=["reviewers"], is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def make_run_policy(settings):
    """The small boards `make run` plays the demo on: the METRICS_* values its target exports."""
    makefile = (Path(django_settings.BASE_DIR) / "Makefile").read_text()
    exported = re.findall(r"^run: export (METRICS_\w+) \?= (.+)$", makefile, re.MULTILINE)
    assert exported, "make run sets no METRICS_* sizes"
    for name, value in exported:
        numbers = tuple(int(number) for number in value.split(","))
        setattr(settings, name, numbers if len(numbers) > 1 else numbers[0])


@pytest.fixture
def api_client():
    return APIClient()


def api_client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def png_bytes(size: tuple[int, int] = (64, 64), colour: str = "#4f46e5") -> bytes:
    """A real PNG of the given size."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "portrait.png", size: tuple[int, int] = (64, 64)):
    """A real PNG as an uploaded file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")


@pytest.fixture
def llm_server(settings):
    """A local server speaking OpenAI's chat completions API, configured as the language model (LLM_*)."""
    from core.testing.chat_api import MODEL
    from core.testing.http_server import RecordingServer

    with RecordingServer() as server:
        settings.LLM_BASE_URL = f"{server.url}/v1"
        settings.LLM_API_KEY = "sk-local-test"
        settings.LLM_MODEL = MODEL
        settings.LLM_TIMEOUT_SECONDS = 5
        yield server


@contextmanager
def running_celery_worker(settings):
    """A real Celery worker thread consuming a private queue on the Redis broker (REDIS_URL).

    Starting a worker sets the root logger to the worker's log level (ERROR) from the second start on, which
    would hide warnings from every later test's log capture; the level is put back when the worker stops."""
    import logging
    import uuid

    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL: a real worker needs a real broker (.ci/run sets it)")
    queue = f"test-{uuid.uuid4().hex}"
    overrides = {"task_always_eager": False, "task_default_queue": queue, "broker_url": settings.REDIS_URL}
    saved = {key: app.conf.get(key) for key in overrides}
    root_level = logging.getLogger().level
    app.conf.update(overrides)
    try:
        with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.update(saved)
        logging.getLogger().setLevel(root_level)


@pytest.fixture
def celery_worker_on_redis(settings):
    """A real Celery worker for the test (see running_celery_worker)."""
    with running_celery_worker(settings) as app:
        yield app
