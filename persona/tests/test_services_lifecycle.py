from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from guardian.models import UserObjectPermission

from conftest import png_upload
from core.exceptions import ConflictError, GoneError
from persona import rules, services
from persona.models import (
    OWN_NAME_TAKEN,
    PUBLIC_NAME_TAKEN,
    Persona,
    PersonaSlugRedirect,
    PersonaUserObjectPermission,
    Status,
    Visibility,
)
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_the_owner_may_do_everything_without_permission_rows_and_history_starts(alice):
    persona = services.persona_create(owner=alice, name="Nova", description="A star guide.")

    assert rules.can_view(alice, persona) and rules.can_edit(alice, persona)
    assert rules.can_manage(alice, persona) and rules.can_share(alice, persona)
    assert not PersonaUserObjectPermission.objects.filter(content_object=persona).exists()
    assert not UserObjectPermission.objects.exists()
    assert persona.slug.startswith("nova-")
    assert persona.history.count() == 1
    assert persona.history.first().history_user == alice


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"name": "ab"}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"description": ""}, "description"),
        ({"ai_link": "ftp://example.com/model"}, "ai_link"),
        ({"personality_traits": {"warmth": 1.5}}, "personality_traits"),
        ({"personality_traits": ["warmth"]}, "personality_traits"),
        ({"capabilities": "everything"}, "capabilities"),
        ({"visibility": "secret"}, "visibility"),
    ],
)
def test_create_refuses_bad_fields_by_name_and_saves_nothing(alice, fields, field_in_error):
    data = {"name": "Valid Name", "description": "Fine.", **fields}

    with pytest.raises(ValidationError) as error:
        services.persona_create(owner=alice, **data)

    assert field_in_error in error.value.message_dict
    assert not Persona.all_objects.exists()


def test_names_are_unique_ignoring_case_among_ones_own_personas(alice):
    services.persona_create(owner=alice, name="Nova", description="One.")

    with pytest.raises(ValidationError) as error:
        services.persona_create(owner=alice, name="nova", description="Two.")

    assert error.value.message_dict == {"name": [OWN_NAME_TAKEN]}


def test_rename_moves_the_slug_and_keeps_the_old_one_as_a_redirect(alice):
    persona = services.persona_create(owner=alice, name="Nova", description="A star guide.")

    renamed = services.persona_update(persona=persona, actor=alice, name="Nova Prime")

    assert renamed.slug.startswith("nova-prime-")
    assert PersonaSlugRedirect.objects.get(old_slug=persona.slug).persona == renamed
    assert renamed.history.count() == 2


def test_a_new_persona_never_takes_a_slug_that_still_redirects(alice, monkeypatch):
    letters = iter("aaaaaa" + "aaaaaa" + "aaaaaa" + "bbbbbb")  # the third draw repeats the first
    monkeypatch.setattr("core.slugs.secrets.choice", lambda alphabet: next(letters))
    persona = services.persona_create(owner=alice, name="Nova", description="A star guide.")
    services.persona_update(persona=persona, actor=alice, name="Nova Prime")

    newcomer = services.persona_create(owner=alice, name="Nova", description="Another.")

    assert persona.slug == "nova-aaaaaa"
    assert newcomer.slug == "nova-bbbbbb"


def test_editor_may_edit_but_not_change_visibility_or_status(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    services.persona_share(persona=persona, actor=alice, username="bob", role="edit")

    services.persona_update(persona=persona, actor=bob, description="Edited by bob.")
    with pytest.raises(PermissionDenied):
        services.persona_update(persona=persona, actor=bob, visibility=Visibility.PUBLIC)
    with pytest.raises(PermissionDenied):
        services.persona_archive(persona=persona, actor=bob)

    persona.refresh_from_db()
    assert (persona.description, persona.visibility, persona.status) == (
        "Edited by bob.",
        Visibility.PRIVATE,
        Status.ACTIVE,
    )


def test_archive_and_restore_by_owner_and_moderator(alice, maude):
    persona = PersonaFactory(owner=alice)

    services.persona_archive(persona=persona, actor=maude)
    persona.refresh_from_db()
    assert persona.status == Status.ARCHIVED

    services.persona_restore(persona=persona, actor=alice)
    persona.refresh_from_db()
    assert persona.status == Status.ACTIVE


def test_delete_hides_the_persona_everywhere_and_undo_brings_it_back_exactly(alice):
    persona = PersonaFactory(owner=alice, prompts=[{"title": "Hi", "text": "Say hi."}])
    before = Persona.objects.values().get(pk=persona.pk)

    services.persona_delete(persona=persona, actor=alice, reason="duplicate", reason_detail="twin")

    assert not Persona.objects.filter(pk=persona.pk).exists()
    gone = Persona.all_objects.get(pk=persona.pk)
    assert (gone.deleted_by, gone.delete_reason) == (alice, "duplicate")

    services.persona_undo_delete(persona=gone, actor=alice)

    after = Persona.objects.values().get(pk=persona.pk)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert persona.prompts.count() == 1


def test_undo_after_the_window_is_gone(alice):
    persona = PersonaFactory(owner=alice)
    services.persona_delete(persona=persona, actor=alice)
    Persona.all_objects.filter(pk=persona.pk).update(deleted_at=timezone.now() - timedelta(seconds=31))

    with pytest.raises(GoneError):
        services.persona_undo_delete(persona=persona, actor=alice)

    assert not Persona.objects.filter(pk=persona.pk).exists()


def test_undo_within_the_window_succeeds_at_29_seconds(alice):
    persona = PersonaFactory(owner=alice)
    services.persona_delete(persona=persona, actor=alice)
    Persona.all_objects.filter(pk=persona.pk).update(deleted_at=timezone.now() - timedelta(seconds=29))

    services.persona_undo_delete(persona=persona, actor=alice)

    assert Persona.objects.filter(pk=persona.pk).exists()


def test_undo_refuses_when_the_name_was_taken_meanwhile(alice, bob):
    persona = PersonaFactory(owner=alice, name="Nova")
    services.persona_delete(persona=persona, actor=alice)
    services.persona_create(owner=alice, name="NOVA", description="Quick!")

    with pytest.raises(ConflictError):
        services.persona_undo_delete(persona=persona, actor=alice)


def test_delete_refuses_unknown_reason_and_strangers(alice, charlie):
    persona = PersonaFactory(owner=alice)

    with pytest.raises(ValidationError) as error:
        services.persona_delete(persona=persona, actor=alice, reason="bored")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.persona_delete(persona=persona, actor=charlie)

    assert Persona.objects.filter(pk=persona.pk).exists()


def test_restore_version_brings_back_earlier_identity_as_a_new_version(alice):
    persona = services.persona_create(owner=alice, name="Nova", description="First words.")
    first_version = persona.history.earliest()
    services.persona_update(persona=persona, actor=alice, name="Nova Two", description="Second words.")

    restored = services.persona_restore_version(
        persona=persona, actor=alice, history_id=first_version.history_id
    )

    assert (restored.name, restored.description) == ("Nova", "First words.")
    assert restored.slug.startswith("nova-")
    assert restored.history.count() == 3


def test_restore_version_of_another_persona_is_refused(alice):
    persona = PersonaFactory(owner=alice)
    other = PersonaFactory(owner=alice)

    with pytest.raises(ValidationError):
        services.persona_restore_version(
            persona=persona, actor=alice, history_id=other.history.earliest().history_id
        )


@pytest.mark.parametrize("name", ["New", "Preferred"])
def test_personas_never_take_the_slug_of_a_page(alice, name):
    persona = services.persona_create(owner=alice, name=name, description="Tricky.")

    assert persona.slug.startswith(f"{name.lower()}-") and persona.slug != name.lower()


def test_a_name_taken_between_check_and_insert_is_a_name_error_not_a_crash(alice, bob, monkeypatch):
    services.persona_create(owner=alice, name="Nova", description="First.", visibility="public")
    real_check, calls = Persona.name_clash, []

    def checked_before_the_other_insert(self):  # the first check runs as if both requests checked at once
        calls.append(self)
        return None if len(calls) == 1 else real_check(self)

    monkeypatch.setattr(Persona, "name_clash", checked_before_the_other_insert)

    with pytest.raises(ValidationError) as error:
        services.persona_create(owner=bob, name="NOVA", description="Second.", visibility="public")

    assert error.value.message_dict == {"name": [PUBLIC_NAME_TAKEN]}
    assert Persona.objects.count() == 1


def test_images_are_stored_under_unguessable_names(alice):
    persona = services.persona_create(
        owner=alice, name="Hidden Face", description="Private.", image=png_upload("hidden-face.png")
    )

    for stored in (persona.image.name, persona.thumbnail.name):
        assert "hidden" not in stored
        assert len(Path(stored).stem) == 32
    assert persona.image.name.endswith(".png") and persona.thumbnail.name.endswith(".webp")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("personality_traits", {"warm\x00th": 0.5}),
        ("capabilities", {"notes": ["fine", {"deep": "nul\x00here"}]}),
    ],
)
def test_json_with_nul_characters_is_refused_by_field(alice, field, value):
    with pytest.raises(ValidationError) as error:
        services.persona_create(owner=alice, name="Nully", description="Zero.", **{field: value})

    assert field in error.value.message_dict
    assert not Persona.all_objects.exists()
