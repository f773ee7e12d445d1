import logging
import shlex

import pytest
from django.core.exceptions import ValidationError

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


def _formatted(message: str, *args, **fields) -> str:
    from core.logging import ActivityFormatter

    record = logging.LogRecord("yayay.activity", logging.INFO, __file__, 1, message, args, None)
    for name, value in fields.items():
        setattr(record, name, value)
    return ActivityFormatter("%(levelname)s %(message)s").format(record)


def _logfmt_fields(line: str) -> list[tuple[str, str]]:
    """What a logfmt reader takes from the line: each key=value, quoted values as one."""
    return [tuple(token.split("=", 1)) for token in shlex.split(line) if "=" in token]


def test_activity_lines_carry_the_fields_in_the_configured_format(alice):
    line = _formatted("persona created", event="persona.created", persona_id=7, actor_id=alice.pk)

    assert line == f'INFO msg="persona created" event=persona.created persona_id=7 actor_id={alice.pk}'


@pytest.mark.parametrize(
    "name",
    [
        "Evil\nINFO yayay.activity msg=x event=persona.deleted persona_id=2",
        "Evil event=persona.deleted persona_id=2",
        'Evil" event=persona.deleted persona_id="2',
    ],
)
def test_a_name_can_neither_start_a_line_nor_forge_a_field(name):
    line = _formatted("persona created: %s", name, event="persona.created", persona_id=7, actor_id=3)

    assert "\n" not in line
    assert _logfmt_fields(line) == [
        ("msg", "persona created: " + name.replace("\n", "\\n")),
        ("event", "persona.created"),
        ("persona_id", "7"),
        ("actor_id", "3"),
    ]


def test_bidirectional_and_invisible_characters_are_escaped_in_log_lines():
    line = _formatted("persona created: %s", "abc\u202edef\u200b", event="persona.created")

    assert "\u202e" not in line and "\u200b" not in line
    assert "\\u202e" in line and "\\u200b" in line


def test_a_persona_name_with_a_line_break_is_refused_before_anything_is_logged(alice, caplog):
    caplog.set_level(logging.INFO, logger="yayay.activity")

    with pytest.raises(ValidationError) as error:
        services.persona_create(owner=alice, name="Nova\nevent=persona.deleted", description="Hi.")

    assert "name" in error.value.message_dict
    assert not [r for r in caplog.records if r.name == "yayay.activity"]


def test_extra_fields_outside_the_known_list_follow_by_name():
    line = _formatted("ratings recalculated", event="metrics.recalculated", written=12, day="2026-12-01")

    assert _logfmt_fields(line) == [
        ("msg", "ratings recalculated"),
        ("event", "metrics.recalculated"),
        ("day", "2026-12-01"),
        ("written", "12"),
    ]
