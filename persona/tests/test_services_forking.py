import pytest
from django.core.exceptions import PermissionDenied

from conftest import png_upload
from persona import rules, services
from persona.models import Persona, Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_fork_is_a_private_copy_owned_by_the_forker_with_lineage(alice, bob):
    parent = PersonaFactory(
        owner=alice,
        name="Sage",
        capabilities={"poetry": True},
        ai_link="https://example.com/sage",
        prompts=[{"title": "One", "text": "First."}, {"title": "Two", "text": "Second."}],
    )

    fork = services.persona_fork(persona=parent, actor=bob)

    assert fork.owner == bob
    assert fork.name == "Sage (fork)"
    assert fork.visibility == Visibility.PRIVATE
    assert fork.forked_from == parent
    copied = ("description", "system_prompt", "personality_traits", "capabilities", "ai_link")
    assert {f: getattr(fork, f) for f in copied} == {f: getattr(parent, f) for f in copied}
    assert [(p.title, p.text) for p in fork.prompts.all()] == [("One", "First."), ("Two", "Second.")]
    assert list(parent.forks.all()) == [fork]
    assert rules.can_edit(bob, fork)
    assert not rules.can_edit(alice, fork)


def test_fork_names_stay_unique_for_their_owner_and_can_be_chosen(alice, bob, charlie):
    parent = PersonaFactory(owner=alice, name="Sage")

    first = services.persona_fork(persona=parent, actor=bob)
    second = services.persona_fork(persona=parent, actor=bob)
    others = services.persona_fork(persona=parent, actor=charlie)
    chosen = services.persona_fork(persona=parent, actor=charlie, name="Sage Junior")

    assert (first.name, second.name) == ("Sage (fork)", "Sage (fork 2)")
    assert (others.name, chosen.name) == ("Sage (fork)", "Sage Junior")


def test_fork_of_a_fork_keeps_the_whole_chain(alice, bob, charlie):
    root = PersonaFactory(owner=alice)
    child = services.persona_fork(persona=root, actor=bob, visibility=Visibility.PUBLIC)

    grandchild = services.persona_fork(persona=child, actor=charlie)

    assert grandchild.forked_from.forked_from == root


def test_fork_shares_the_image_and_gets_a_thumbnail(alice, bob):
    parent = PersonaFactory(owner=alice, image=png_upload())

    fork = services.persona_fork(persona=parent, actor=bob)

    assert fork.image.name == parent.image.name
    assert fork.thumbnail


def test_nobody_forks_what_they_cannot_see(alice, charlie):
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    with pytest.raises(PermissionDenied):
        services.persona_fork(persona=secret, actor=charlie)

    assert Persona.objects.count() == 1


def test_use_share_forks_without_the_system_prompt(alice, bob):
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, system_prompt="The secret sauce.")
    services.persona_share(persona=secret, actor=alice, username="bob", role="use")

    fork = services.persona_fork(persona=secret, actor=bob)

    assert fork.system_prompt == ""
    assert fork.forked_from == secret


def test_fork_survives_its_parent_being_deleted(alice, bob):
    parent = PersonaFactory(owner=alice)
    fork = services.persona_fork(persona=parent, actor=bob)

    services.persona_delete(persona=parent, actor=alice)
    fork.refresh_from_db()
    assert fork.forked_from_id == parent.pk

    Persona.all_objects.filter(pk=parent.pk).delete()
    fork.refresh_from_db()
    assert fork.forked_from is None
