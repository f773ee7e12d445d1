import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from persona import rules, selectors, services
from persona.models import PersonaShare, Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(alice):
    return PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, system_prompt="Hidden sauce.")


def test_use_share_lets_bob_see_and_fork_but_not_edit_or_read_the_system_prompt(secret, alice, bob):
    services.persona_share(persona=secret, actor=alice, username="Bob", role="use")

    assert rules.can_view(bob, secret)
    assert rules.can_fork(bob, secret)
    assert not rules.can_edit(bob, secret)
    assert not rules.can_view_definitions(bob, secret)
    assert secret in selectors.persona_list_visible_to(user=bob)


def test_edit_share_lets_bob_change_it_and_read_the_system_prompt(secret, alice, bob):
    services.persona_share(persona=secret, actor=alice, username="bob", role="edit")

    assert rules.can_edit(bob, secret)
    assert rules.can_view_definitions(bob, secret)
    assert not rules.can_share(bob, secret)
    assert not rules.can_manage(bob, secret)


def test_changing_the_role_downgrades_permissions(secret, alice, bob):
    services.persona_share(persona=secret, actor=alice, username="bob", role="edit")

    services.persona_share(persona=secret, actor=alice, username="bob", role="use")

    assert PersonaShare.objects.get(persona=secret, user=bob).role == "use"
    assert not rules.can_edit(bob, secret)
    assert rules.can_view(bob, secret)


def test_unshare_revokes_everything(secret, alice, bob):
    services.persona_share(persona=secret, actor=alice, username="bob", role="edit")

    services.persona_unshare(persona=secret, actor=alice, username="bob")

    assert not rules.can_view(bob, secret)
    assert secret not in selectors.persona_list_visible_to(user=bob)
    with pytest.raises(ValidationError):
        services.persona_unshare(persona=secret, actor=alice, username="bob")


@pytest.mark.parametrize(
    ("username", "role", "field"),
    [("nobody", "use", "username"), ("alice", "use", "username"), ("bob", "owner", "role")],
)
def test_share_refuses_bad_input_by_field(secret, alice, bob, username, role, field):
    with pytest.raises(ValidationError) as error:
        services.persona_share(persona=secret, actor=alice, username=username, role=role)

    assert field in error.value.message_dict
    assert not PersonaShare.objects.exists()


def test_only_the_owner_shares(secret, alice, bob, charlie, maude):
    services.persona_share(persona=secret, actor=alice, username="bob", role="edit")

    for actor in (bob, maude):
        with pytest.raises(PermissionDenied):
            services.persona_share(persona=secret, actor=actor, username="charlie", role="use")

    assert not rules.can_view(charlie, secret)


@pytest.mark.parametrize(
    ("visibility", "listed_for_stranger", "readable_by_stranger"),
    [
        (Visibility.PUBLIC, True, True),
        (Visibility.UNLISTED, False, True),
        (Visibility.PRIVATE, False, False),
    ],
)
def test_visibility_matrix_for_owner_stranger_moderator_and_anonymous(
    alice, charlie, maude, visibility, listed_for_stranger, readable_by_stranger
):
    from django.contrib.auth.models import AnonymousUser

    persona = PersonaFactory(owner=alice, visibility=visibility)
    anonymous = AnonymousUser()

    for user, listed, readable in [
        (alice, True, True),
        (maude, True, True),
        (charlie, listed_for_stranger, readable_by_stranger),
        (anonymous, listed_for_stranger, readable_by_stranger),
    ]:
        assert (persona in selectors.persona_list_visible_to(user=user)) is listed, user
        assert (persona in selectors.persona_readable_queryset(user=user)) is readable, user
        assert rules.can_view(user, persona) is readable, user


def test_search_never_finds_unlisted_personas_of_others(alice, charlie):
    PersonaFactory(owner=alice, name="Hidden Gem", visibility=Visibility.UNLISTED)
    PersonaFactory(owner=alice, name="Open Gem", visibility=Visibility.PUBLIC)

    found = selectors.persona_list_visible_to(user=charlie).search("gem")

    assert [p.name for p in found] == ["Open Gem"]


def test_preferred_persona_must_be_visible(alice, charlie):
    mine = PersonaFactory(owner=charlie, visibility=Visibility.PRIVATE)
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    services.persona_set_preferred(user=charlie, persona=mine)
    with pytest.raises(ValidationError) as error:
        services.persona_set_preferred(user=charlie, persona=secret)

    assert "persona" in error.value.message_dict
    assert selectors.persona_preferred_for(user=charlie) == mine


def test_preferred_persona_is_forgotten_when_deleted(alice, charlie):
    public = PersonaFactory(owner=alice)
    services.persona_set_preferred(user=charlie, persona=public)

    services.persona_delete(persona=public, actor=alice)

    assert selectors.persona_preferred_for(user=charlie) is None
