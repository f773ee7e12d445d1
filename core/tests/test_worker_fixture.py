"""The real-worker fixture must leave logging as it found it, or later tests' log assertions see nothing."""

import logging

import pytest

from conftest import running_celery_worker


@pytest.mark.worker
def test_root_logger_level_survives_repeated_worker_starts(settings):
    root = logging.getLogger()
    before = root.level

    for _ in range(2):
        with running_celery_worker(settings):
            pass

    assert root.level == before
    assert logging.getLogger("yayay.check").isEnabledFor(logging.WARNING)
