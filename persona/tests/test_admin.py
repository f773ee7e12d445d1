import pytest

from persona.models import Persona, Status, Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def _run_action(client, action, personas):
    return client.post(
        "/admin/persona/persona/",
        {"action": action, "_selected_action": [p.pk for p in personas]},
        follow=True,
    )


def test_moderator_archives_activates_and_makes_private_through_actions(moderator_client, alice):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PUBLIC)

    _run_action(moderator_client, "archive", [persona])
    persona.refresh_from_db()
    assert persona.status == Status.ARCHIVED

    _run_action(moderator_client, "make_active", [persona])
    _run_action(moderator_client, "make_private", [persona])
    persona.refresh_from_db()
    assert (persona.status, persona.visibility) == (Status.ACTIVE, Visibility.PRIVATE)
    assert persona.history.first().history_user.username == "maude"


def test_soft_delete_action_can_be_undone_and_hides_the_persona(moderator_client, alice):
    persona = PersonaFactory(owner=alice)

    response = _run_action(moderator_client, "soft_delete", [persona])

    assert response.status_code == 200
    assert not Persona.objects.filter(pk=persona.pk).exists()
    assert Persona.all_objects.get(pk=persona.pk).deleted_by.username == "maude"


def test_moderator_edit_goes_through_the_service_and_moves_the_slug(moderator_client, alice):
    persona = PersonaFactory(owner=alice, name="Old Name")
    form = {
        "name": "New Name",
        "description": persona.description,
        "ai_link": "",
        "visibility": persona.visibility,
        "status": persona.status,
        "system_prompt": persona.system_prompt,
        "personality_traits": '{"curiosity": 0.5}',
        "capabilities": "{}",
        "prompts-TOTAL_FORMS": "0",
        "prompts-INITIAL_FORMS": "0",
        "shares-TOTAL_FORMS": "0",
        "shares-INITIAL_FORMS": "0",
    }

    response = moderator_client.post(f"/admin/persona/persona/{persona.pk}/change/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    persona.refresh_from_db()
    assert persona.name == "New Name" and persona.slug.startswith("new-name-")


def test_staff_without_moderation_rights_sees_only_what_they_may_see(client, alice, bob):
    from django.contrib.auth.models import Permission

    bob.is_staff = True
    bob.save()
    bob.user_permissions.add(Permission.objects.get(codename="view_persona"))
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, name="Alice Secret")
    PersonaFactory(owner=bob, visibility=Visibility.PRIVATE, name="Bob Own")
    client.force_login(bob)

    response = client.get("/admin/persona/persona/")
    page = response.content.decode()

    # A global view permission makes bob a reader of every persona, as for moderators.
    assert "Bob Own" in page
    assert "Alice Secret" in page
    assert client.get(f"/admin/persona/persona/{secret.pk}/change/").status_code == 200


def test_staff_with_no_global_permission_gets_nothing_private(client, alice, bob):
    bob.is_staff = True
    bob.save()
    PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, name="Alice Secret")
    client.force_login(bob)

    response = client.get("/admin/persona/persona/")

    assert response.status_code == 403


def test_history_revert_goes_through_the_service(moderator_client, alice):
    from persona import services

    persona = services.persona_create(owner=alice, name="First Name", description="One.")
    first = persona.history.earliest()
    services.persona_update(persona=persona, actor=alice, name="Second Name")

    page = moderator_client.get(f"/admin/persona/persona/{persona.pk}/history/{first.history_id}/")

    assert page.status_code == 200
    assert "First Name" in page.content.decode()


@pytest.mark.parametrize("who", ["superuser", "moderator_client"])
def test_object_permission_pages_are_gone_and_grant_nothing(request, client, alice, bob, who):
    """Grants made there bypassed the sharing service and stayed invisible to the owner."""
    from guardian.models import UserObjectPermission

    from persona import rules

    if who == "superuser":
        client.force_login(request.getfixturevalue("superuser"))
    else:
        client = request.getfixturevalue("moderator_client")
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    pages = f"/admin/persona/persona/{persona.pk}/permissions/"

    page = client.get(pages, follow=True)
    client.post(f"{pages}user-manage/{bob.pk}/", {"permissions": ["view_persona", "change_persona"]})

    assert not UserObjectPermission.objects.filter(user=bob).exists()
    assert not rules.can_view(type(bob).objects.get(pk=bob.pk), persona)
    assert page.redirect_chain[-1][0] == "/admin/"  # read as an unknown persona id, like any other
    assert "doesn’t exist" in page.content.decode()


def test_guardian_permission_rows_have_no_admin_pages():
    from django.contrib import admin
    from guardian.models import GroupObjectPermission, UserObjectPermission

    assert not admin.site.is_registered(UserObjectPermission)
    assert not admin.site.is_registered(GroupObjectPermission)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/persona/persona/abc/history/",
        "/admin/persona/persona/abc/history/1/",
        "/admin/prompts/prompt/abc/history/",
        "/admin/prompts/prompt/%C2%B2/history/2/",
    ],
)
def test_history_pages_answer_a_malformed_id_like_a_missing_object(moderator_client, path):
    response = moderator_client.get(path)

    assert response.status_code == 302
    assert response.url == "/admin/"
