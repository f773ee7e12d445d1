"""Requests that race each other: the loser gets a clear answer (404, or a name error), never a 500,
and no write undoes another."""

import threading

import pytest
from django.db import connection
from django.http import Http404

from conftest import api_client_for
from core.testing.databases import needs_postgresql
from persona import services
from persona.models import Persona, Status, Visibility
from persona.tests.factories import PersonaFactory

LIST = "/api/v1/personas/"


def run_at_once(*calls) -> list:
    """Run the calls in threads released together; returns each call's result (or exception)."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # returned to the test, which says what it expected
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# The losing side of each race, replayed in order: the winner has committed, the loser still holds the
# persona it read before.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "late_write",
    [
        lambda stale, actor: services.persona_delete(persona=stale, actor=actor),
        lambda stale, actor: services.persona_update(persona=stale, actor=actor, description="Late."),
        lambda stale, actor: services.persona_archive(persona=stale, actor=actor),
        lambda stale, actor: services.persona_restore(persona=stale, actor=actor),
    ],
    ids=["second-delete", "edit", "archive", "unarchive"],
)
def test_a_write_that_lost_the_race_to_a_delete_is_a_404_and_the_persona_stays_deleted(alice, late_write):
    stale = PersonaFactory(owner=alice)
    services.persona_delete(persona=Persona.objects.get(pk=stale.pk), actor=alice)

    with pytest.raises(Http404):
        late_write(stale, alice)

    gone = Persona.all_objects.get(pk=stale.pk)
    assert gone.is_deleted and gone.status == Status.ACTIVE
    assert gone.history.filter(history_change_reason="Deleted").count() == 1


# The same races for real, through the API on PostgreSQL (SQLite writes one at a time).


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_deletes_answer_200_and_404():
    persona = PersonaFactory()
    client = api_client_for(persona.owner)

    statuses = run_at_once(*[lambda: client.delete(f"{LIST}{persona.pk}/", format="json").status_code] * 2)

    assert sorted(statuses) == [200, 404]
    assert Persona.all_objects.get(pk=persona.pk).is_deleted


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_edit_racing_a_delete_never_fails_with_a_500_nor_brings_the_persona_back():
    for _ in range(5):
        persona = PersonaFactory()
        client, url = api_client_for(persona.owner), f"{LIST}{persona.pk}/"

        edited, deleted = run_at_once(
            lambda: client.patch(url, {"description": "Edited."}).status_code,  # noqa: B023 (called at once)
            lambda: client.delete(url, format="json").status_code,  # noqa: B023
        )

        assert deleted == 200 and edited in (200, 404)
        assert Persona.all_objects.get(pk=persona.pk).is_deleted


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_forks_by_one_person_all_succeed_with_names_of_their_own(alice, bob):
    parent = PersonaFactory(owner=alice, name="Sage", visibility=Visibility.PUBLIC)
    client = api_client_for(bob)

    responses = run_at_once(*[lambda: client.post(f"{LIST}{parent.pk}/actions/fork/", {})] * 8)

    assert [r.status_code for r in responses] == [201] * 8
    names = {r.json()["name"] for r in responses}
    assert names == {"Sage (fork)", *(f"Sage (fork {n})" for n in range(2, 9))}


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_one_public_name_at_once_get_a_persona_and_a_name_error(alice, bob):
    body = {"name": "Nova", "description": "Bright.", "visibility": "public"}

    clients = [api_client_for(user) for user in (alice, bob)]

    responses = run_at_once(*[lambda client=client: client.post(LIST, body) for client in clients])

    assert sorted(r.status_code for r in responses) == [201, 400]
    refused = next(r for r in responses if r.status_code == 400)
    assert "name" in refused.json()["errors"]
    assert Persona.objects.filter(visibility=Visibility.PUBLIC).count() == 1
