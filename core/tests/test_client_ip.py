"""X-Forwarded-For counts only as far as TRUSTED_PROXIES of our own proxies wrote it: in throttles, the
log-in lock-out and what it records alike."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.tests.factories import DEMO_PASSWORD, UserFactory
from conftest import api_client_for
from core.http import client_ip

PROXY = "10.0.0.2"  # where our reverse proxy connects from
LOGIN = reverse("accounts:login")


def ip_of(forwarded_for: str | None) -> str:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert ip_of("203.0.113.7") == PROXY
    assert ip_of(None) == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.1.1.1, 203.0.113.7", "203.0.113.7"),  # the client wrote 1.1.1.1 itself
        (2, "1.1.1.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # fewer entries than proxies: the leftmost
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "", PROXY),
        (1, "1.1.1.1, not-an-address", PROXY),
    ],
)
def test_behind_trusted_proxies_the_address_the_outermost_one_saw_counts(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXIES = proxies
    assert ip_of(forwarded_for) == expected


@pytest.mark.django_db
def test_rotating_the_header_does_not_escape_the_anonymous_api_throttle(tight_rates, settings):
    settings.TRUSTED_PROXIES = 0
    client = api_client_for(None)

    statuses = [client.get("/api/v1/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]

    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_behind_a_proxy_the_address_it_appended_is_throttled(tight_rates, settings):
    settings.TRUSTED_PROXIES = 1
    client = api_client_for(None)

    def call(forwarded_for):
        return client.get("/api/v1/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    statuses = [call(f"198.51.100.{n}, 203.0.113.7") for n in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert call("203.0.113.8") == 200  # someone else behind the same proxy


def fail_log_ins(client, username, times, **headers):
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "guess"}, **headers)


@pytest.mark.django_db
def test_rotating_the_header_does_not_escape_the_log_in_lock_out(settings):
    settings.TRUSTED_PROXIES = 0
    UserFactory(username="victim")
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN, {"username": "victim", "password": "guess"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )

    response = client.post(
        LOGIN, {"username": "victim", "password": DEMO_PASSWORD}, HTTP_X_FORWARDED_FOR="1.2.3.4"
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_a_proxy_the_lock_out_and_its_records_name_the_client_not_the_proxy(settings):
    settings.TRUSTED_PROXIES = 1
    UserFactory(username="victim")
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    fail_log_ins(Client(), "victim", settings.AXES_FAILURE_LIMIT, **attacker)

    locked = Client().post(LOGIN, {"username": "victim", "password": DEMO_PASSWORD}, **attacker)
    owner = Client().post(
        LOGIN,
        {"username": "victim", "password": DEMO_PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )

    assert locked.status_code == 429
    assert owner.status_code == 302  # the owner, behind the same proxy, still logs in
    recorded = {row.ip_address for row in [*AccessAttempt.objects.all(), *AccessFailureLog.objects.all()]}
    assert recorded == {"203.0.113.7"}  # the failures axes records (and its admin pages list)
