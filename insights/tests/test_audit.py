from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from conftest import api_client_for
from core.testing.databases import needs_postgresql
from insights.models import AuditAction, AuditEntry
from insights.selectors import audit_timeline_for
from insights.services.audit import audit_network_data_purge, audit_record
from insights.tasks import audit_network_data_purge as purge_task
from persona.services import persona_delete, persona_fork, persona_undo_delete, persona_update
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_entry_records_user_action_details_and_request_origin(alice, rf):
    persona = PersonaFactory(owner=alice)
    request = rf.get("/", HTTP_USER_AGENT="Firefox/140", REMOTE_ADDR="203.0.113.7")
    entry = audit_record(
        persona=persona, action=AuditAction.EXPORT, user=alice, details={"format": "csv"}, request=request
    )
    entry.refresh_from_db()
    assert (entry.user, entry.action, entry.details) == (alice, "export", {"format": "csv"})
    assert (entry.ip_address, entry.user_agent) == ("203.0.113.7", "Firefox/140")


def test_failed_write_returns_none_and_leaves_callers_transaction_usable(alice, caplog):
    persona = PersonaFactory(owner=alice)
    with transaction.atomic():
        assert audit_record(persona=persona, action="no-such-action", user=alice) is None
        with connection.cursor() as cursor:  # a poisoned transaction would refuse any query
            cursor.execute("SELECT 1")
        persona_update(persona=persona, actor=alice, description="Still saved")
    persona.refresh_from_db()
    assert persona.description == "Still saved"
    assert "audit entry not written" in caplog.text


@needs_postgresql  # SQLite does not enforce a column's length
def test_insert_refused_by_the_database_rolls_back_alone(alice, monkeypatch):
    persona = PersonaFactory(owner=alice)
    monkeypatch.setattr(AuditEntry, "full_clean", lambda self, **kwargs: None)
    with transaction.atomic():
        # An action longer than its column: PostgreSQL itself refuses the insert.
        assert audit_record(persona=persona, action="x" * 40, user=alice) is None
        persona_update(persona=persona, actor=alice, description="Saved after a refused insert")
    persona.refresh_from_db()
    assert persona.description == "Saved after a refused insert"
    assert not AuditEntry.objects.filter(action__startswith="x").exists()


def test_persona_lifecycle_is_audited(alice, bob):
    persona = PersonaFactory(owner=alice)
    persona_update(persona=persona, actor=alice, description="New words")
    persona_fork(persona=persona, actor=bob)
    persona_delete(persona=persona, actor=alice)
    persona_undo_delete(persona=persona, actor=alice)
    actions = list(
        AuditEntry.objects.filter(persona=persona).order_by("id").values_list("action", "user__username")
    )
    assert actions == [("update", "alice"), ("fork", "bob"), ("delete", "alice"), ("restore", "alice")]


def test_purge_erases_network_data_older_than_90_days_only(alice, rf):
    persona = PersonaFactory(owner=alice)
    request = rf.get("/", HTTP_USER_AGENT="Safari", REMOTE_ADDR="198.51.100.1")
    old = audit_record(persona=persona, action="view", user=alice, request=request)
    recent = audit_record(persona=persona, action="view", user=alice, request=request)
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    AuditEntry.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=89))
    assert audit_network_data_purge() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent, old.action) == (None, "", "view")
    assert (recent.ip_address, recent.user_agent) == ("198.51.100.1", "Safari")


def test_update_through_the_api_records_where_the_request_came_from(alice):
    persona = PersonaFactory(owner=alice)
    client = api_client_for(alice)
    response = client.patch(
        f"/api/v1/personas/{persona.pk}/",
        {"description": "From a phone"},
        format="json",
        HTTP_USER_AGENT="Mobile Safari/18",
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(persona=persona, action="update")
    assert (entry.user, entry.ip_address, entry.user_agent) == (alice, "192.0.2.44", "Mobile Safari/18")
    assert entry.details == {"section": "persona", "fields": ["description"]}


def test_timeline_is_the_last_20_for_owner_and_moderator_and_nothing_for_readers(alice, bob, maude):
    persona = PersonaFactory(owner=alice)
    for number in range(25):
        audit_record(persona=persona, action="view", user=bob, details={"n": number})
    owner_view = audit_timeline_for(user=alice, persona=persona)
    assert [entry.details["n"] for entry in owner_view] == list(range(24, 4, -1))
    assert len(audit_timeline_for(user=maude, persona=persona)) == 20
    assert audit_timeline_for(user=bob, persona=persona) == []


def test_the_purge_runs_daily_on_beat_as_a_registered_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["insights-audit-network-data-purge"]
    assert entry["task"] == purge_task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({4}, {10})  # once a day, 04:10
    assert purge_task.delay().get() == 0  # nothing old to erase
