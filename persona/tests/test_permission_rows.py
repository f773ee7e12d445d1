"""Object permissions live in guardian's direct tables for personas, only for shares; ownership grants the
owner's rights without a row, and every "may this user see or edit it" costs a fixed number of queries."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from guardian.models import GroupObjectPermission, UserObjectPermission

from accounts.tests.factories import UserFactory
from core.testing.databases import needs_postgresql
from persona import rules, selectors, services
from persona.models import Persona, PersonaUserObjectPermission, ShareRole, Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def share_rows(persona) -> set[tuple[str, str]]:
    rows = PersonaUserObjectPermission.objects.filter(content_object=persona)
    return set(rows.values_list("user__username", "permission__codename"))


def test_sharing_stores_one_row_per_right_and_unsharing_removes_them(alice, bob):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    services.persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.EDIT)
    assert share_rows(persona) == {("bob", "view_persona"), ("bob", "change_persona")}
    services.persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.USE)
    assert share_rows(persona) == {("bob", "view_persona")}
    services.persona_unshare(persona=persona, actor=alice, username="bob")
    assert share_rows(persona) == set()
    assert not UserObjectPermission.objects.exists()


@needs_postgresql  # SQLite's schema editor refuses to open inside the test's transaction
def test_the_migration_rebuilds_rows_from_shares_and_drops_owners_and_unbacked_grants(alice, bob, charlie):
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    services.persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.EDIT)
    services.persona_share(persona=persona, actor=alice, username="charlie", role=ShareRole.USE)
    dave = UserFactory(username="dave", groups=["reviewers"])
    persona_type = ContentType.objects.get_for_model(Persona)
    generic_rows = [  # as the services and the admin's object-permission pages once stored them
        (alice, "view_persona"),
        (alice, "change_persona"),
        (bob, "view_persona"),
        (bob, "change_persona"),
        (charlie, "view_persona"),
        (charlie, "change_persona"),  # granted in the admin beyond the "use" share
        (dave, "view_persona"),  # granted in the admin with no share at all
    ]
    for user, codename in generic_rows:
        permission = Permission.objects.get(content_type=persona_type, codename=codename)
        UserObjectPermission.objects.create(
            user=user, permission=permission, content_type=persona_type, object_pk=str(persona.pk)
        )
    GroupObjectPermission.objects.create(
        group=Group.objects.get(name="reviewers"),
        permission=Permission.objects.get(content_type=persona_type, codename="view_persona"),
        content_type=persona_type,
        object_pk=str(persona.pk),
    )
    PersonaUserObjectPermission.objects.all().delete()  # the direct table is new when the migration runs
    migration = importlib.import_module(_migration_module("direct_permission_rows"))

    with connection.schema_editor() as editor:
        migration.move_share_rows(apps, editor)

    assert share_rows(persona) == {
        ("bob", "view_persona"),
        ("bob", "change_persona"),
        ("charlie", "view_persona"),
    }
    assert not UserObjectPermission.objects.exists() and not GroupObjectPermission.objects.exists()
    fresh = type(alice).objects.get
    assert rules.can_manage(fresh(pk=alice.pk), persona) and rules.can_edit(fresh(pk=bob.pk), persona)
    assert rules.can_view(fresh(pk=charlie.pk), persona) and not rules.can_edit(fresh(pk=charlie.pk), persona)
    assert not rules.can_view(fresh(pk=dave.pk), persona)


@pytest.mark.parametrize("shares", [1, 60])
def test_reading_rights_costs_the_same_queries_however_many_shares(alice, shares, django_assert_num_queries):
    bob = UserFactory(username="bob")
    personas = [PersonaFactory(owner=alice, visibility=Visibility.PRIVATE) for _ in range(shares)]
    for persona in personas:
        services.persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.EDIT)
    bob = type(bob).objects.get(pk=bob.pk)  # no cached permissions

    with django_assert_num_queries(2):  # global permissions, then the user's shares, once each
        assert rules.can_view(bob, personas[0])
        assert rules.can_edit(bob, personas[-1])
    with django_assert_num_queries(1):  # the shares are known by now: the personas by id
        assert selectors.persona_readable_queryset(user=bob).count() == shares


def _migration_module(suffix: str) -> str:
    folder = Path(__file__).resolve().parent.parent / "migrations"
    (path,) = folder.glob(f"*_{suffix}.py")
    return f"persona.migrations.{path.stem}"
