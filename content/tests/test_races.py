"""Reactions that race each other on PostgreSQL, each request in its own thread and transaction: every
person's like counts, counters never lose an update, and one person's twin requests like once."""

import pytest

from accounts.tests.factories import UserFactory
from conftest import api_client_for
from content.models import ContentLike
from content.tests.conftest import counts_of
from content.tests.factories import ContentItemFactory
from core.testing.databases import needs_postgresql
from metrics.models import InteractionMetrics
from persona.tests.factories import PersonaFactory
from persona.tests.test_races import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]
PEOPLE = 12


def like_url(item) -> str:
    return f"/api/v1/content/{item.pk}/like/"


def test_simultaneous_likes_from_many_people_all_count():
    item = ContentItemFactory(persona=PersonaFactory())
    clients = [api_client_for(UserFactory(username=f"liker{n}")) for n in range(PEOPLE)]

    responses = run_at_once(*[lambda client=client: client.post(like_url(item)) for client in clients])

    assert [response.status_code for response in responses] == [200] * PEOPLE
    assert ContentLike.objects.filter(item=item).count() == PEOPLE
    assert counts_of(item).likes == PEOPLE
    assert InteractionMetrics.objects.get(persona=item.persona).likes == PEOPLE
    item.persona.refresh_from_db()
    assert item.persona.popularity_score == pytest.approx(PEOPLE * 1.0)


def test_one_persons_simultaneous_likes_make_one_like():
    item = ContentItemFactory(persona=PersonaFactory())
    client = api_client_for(UserFactory(username="double-clicker"))

    responses = run_at_once(*[lambda: client.post(like_url(item))] * 4)

    assert all(response.status_code == 200 for response in responses)
    assert ContentLike.objects.filter(item=item).count() <= 1
    assert counts_of(item).likes == ContentLike.objects.filter(item=item).count()


def test_simultaneous_first_views_of_many_people_all_count():
    item = ContentItemFactory(persona=PersonaFactory())
    clients = []
    for n in range(PEOPLE):
        client = api_client_for(None)
        client.force_login(UserFactory(username=f"viewer{n}"))
        clients.append(client)

    responses = run_at_once(
        *[lambda client=client: client.get(item.get_absolute_url()) for client in clients]
    )

    assert [response.status_code for response in responses] == [200] * PEOPLE
    assert counts_of(item).views == PEOPLE
