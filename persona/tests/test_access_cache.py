"""Who may do what is read from the access cache (core/access_cache.py) on every signed-in request: a
share given or taken back, a group joined or left, shows on the very next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from persona.models import ShareRole, Visibility
from persona.services import persona_share, persona_unshare
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_signed_in_request_reads_no_permission_rows_once_they_are_cached(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.USE)
    client = signed_in(bob)
    assert client.get(persona.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(persona.get_absolute_url()).status_code == 200
    read = " ".join(query["sql"] for query in captured)
    assert "auth_permission" not in read and "objectpermission" not in read


def test_a_share_given_and_taken_back_shows_on_the_next_request(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    client = signed_in(bob)
    assert client.get(persona.get_absolute_url()).status_code == 404
    persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.USE)
    assert client.get(persona.get_absolute_url()).status_code == 200
    assert persona.name in client.get("/personas/").content.decode()
    persona_unshare(persona=persona, actor=alice, username="bob")
    assert client.get(persona.get_absolute_url()).status_code == 404
    assert persona.name not in client.get("/personas/").content.decode()


def test_joining_and_leaving_the_moderators_shows_on_the_next_request(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    client = signed_in(bob)
    assert client.get(persona.get_absolute_url()).status_code == 404
    moderators = Group.objects.get(name="moderators")
    bob.groups.add(moderators)
    assert client.get(persona.get_absolute_url()).status_code == 200
    bob.groups.remove(moderators)
    assert client.get(persona.get_absolute_url()).status_code == 404
    bob.groups.add(moderators)
    assert client.get(persona.get_absolute_url()).status_code == 200
    moderators.delete()  # its members' rows go without an m2m signal
    assert client.get(persona.get_absolute_url()).status_code == 404


def test_a_group_losing_a_permission_takes_it_from_its_members_at_once(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    moderators = Group.objects.get(name="moderators")
    bob.groups.add(moderators)
    client = signed_in(bob)
    assert client.get(persona.get_absolute_url()).status_code == 200
    moderators.permissions.remove(*moderators.permissions.filter(codename="view_persona"))
    assert client.get(persona.get_absolute_url()).status_code == 404
