import pytest

from core.api.throttling import PerIpRateThrottle, PerUserRateThrottle


@pytest.fixture
def tight_rates(monkeypatch):
    """3 calls a minute per user (or anonymous client IP), 5 per client IP. DRF reads the rates into the
    classes once, so overriding the setting would not reach them."""
    monkeypatch.setattr(PerUserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "ip": "1000/minute"})
    monkeypatch.setattr(PerIpRateThrottle, "THROTTLE_RATES", {"user": "1000/minute", "ip": "5/minute"})
