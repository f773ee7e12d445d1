import pytest

from insights.services.audit import audit_record
from insights.tests.factories import ResearchProfileFactory
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_moderator_reads_profiles_and_audit_log(moderator_client, alice):
    profile = ResearchProfileFactory(persona=PersonaFactory(owner=alice, visibility=Visibility.PRIVATE))
    audit_record(persona=profile.persona, action="view", user=alice)
    assert "Urban professionals" in moderator_client.get("/admin/insights/researchprofile/").content.decode()
    assert moderator_client.get(f"/admin/insights/researchprofile/{profile.pk}/history/").status_code == 200
    assert moderator_client.get("/admin/insights/auditentry/").status_code == 200
    assert moderator_client.get(f"/admin/insights/researchprofile/{profile.pk}/change/").status_code == 200


def test_reviewer_without_rights_sees_no_audit_log(client, staff_reviewer, alice):
    audit_record(persona=PersonaFactory(owner=alice), action="view", user=alice)
    client.force_login(staff_reviewer)
    assert client.get("/admin/insights/auditentry/").status_code == 403
