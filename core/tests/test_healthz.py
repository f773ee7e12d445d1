import pytest
from django.core.cache import cache


@pytest.mark.django_db
def test_healthz_reports_every_service_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "cache": True, "broker": True}}


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_service_that_is_down(client, monkeypatch):
    def broken_cache_set(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "set", broken_cache_set)

    response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "cache": False, "broker": True}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] is False
