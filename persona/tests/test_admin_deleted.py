"""Moderators find deleted personas in the admin with the "deleted" filter; they stay read-only there."""

import pytest

from persona.services import persona_delete
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/persona/persona/"


@pytest.fixture
def gone(alice):
    persona = PersonaFactory(owner=alice, name="Gone Gina")
    persona_delete(persona=persona, actor=alice)
    PersonaFactory(owner=alice, name="Live Lars")
    return persona


def test_a_moderator_finds_deleted_personas_with_the_filter(moderator_client, gone):
    default = moderator_client.get(CHANGELIST).content.decode()
    deleted = moderator_client.get(CHANGELIST, {"deleted": "deleted"}).content.decode()

    assert "Gone Gina" not in default and "Live Lars" in default
    assert "Gone Gina" in deleted and "Live Lars" not in deleted


def test_a_deleted_persona_opens_read_only(moderator_client, gone):
    page = moderator_client.get(f"{CHANGELIST}{gone.pk}/change/")

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_staff_without_moderation_rights_never_see_deleted_ones(client, staff_reviewer, gone):
    client.force_login(staff_reviewer)

    assert "Gone Gina" not in client.get(CHANGELIST, {"deleted": "deleted"}).content.decode()
    assert client.get(f"{CHANGELIST}{gone.pk}/change/").status_code in (302, 403, 404)
