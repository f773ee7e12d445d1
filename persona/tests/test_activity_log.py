import logging

import pytest

from persona import services

pytestmark = pytest.mark.django_db


def test_persona_lifecycle_is_logged_with_event_persona_and_actor(alice, bob, caplog):
    caplog.set_level(logging.INFO, logger="yayay.activity")

    persona = services.persona_create(owner=alice, name="Logged One", description="Hi.", visibility="public")
    fork = services.persona_fork(persona=persona, actor=bob)
    services.persona_update(persona=persona, actor=alice, description="Changed.")
    services.persona_delete(persona=persona, actor=alice, reason="outdated")

    events = [(r.event, r.persona_id, r.actor_id) for r in caplog.records if r.name == "yayay.activity"]
    assert events == [
        ("persona.created", persona.pk, alice.pk),
        ("persona.created", fork.pk, bob.pk),
        ("persona.forked", fork.pk, bob.pk),
        ("persona.updated", persona.pk, alice.pk),
        ("persona.deleted", persona.pk, alice.pk),
    ]
    assert "description" in caplog.records[3].getMessage()


def test_activity_lines_carry_the_fields_in_the_configured_format(alice):
    from core.logging import ActivityFormatter

    record = logging.LogRecord("yayay.activity", logging.INFO, __file__, 1, "persona created", (), None)
    record.event, record.persona_id, record.actor_id = "persona.created", 7, alice.pk

    line = ActivityFormatter("%(levelname)s %(message)s").format(record)

    assert line == f"INFO persona created event=persona.created persona_id=7 actor_id={alice.pk}"
