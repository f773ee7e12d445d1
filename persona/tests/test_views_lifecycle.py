"""Archive and restore, delete with its 30-second Undo, sharing, and the preferred persona page."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from persona.models import Persona, PersonaPreference
from persona.services import persona_delete, persona_set_preferred, persona_share
from persona.tests.factories import PersonaFactory


@pytest.fixture
def persona(alice):
    return PersonaFactory(owner=alice, name="Deletable Dora", visibility="public")


def undo_url(persona) -> str:
    return reverse("persona:undo_delete", args=[persona.slug])


def expire_undo_window(persona) -> None:
    long_ago = timezone.now() - settings.PERSONA_UNDO_WINDOW - timedelta(seconds=1)
    Persona.all_objects.filter(pk=persona.pk).update(deleted_at=long_ago)


def test_archive_and_restore_from_the_page(client, alice, persona):
    client.force_login(alice)

    archived = client.post(reverse("persona:archive", args=[persona.slug]), follow=True)
    persona.refresh_from_db()
    assert persona.status == "archived"
    assert "was archived" in archived.content.decode()
    assert "Unarchive" in archived.content.decode()

    client.post(reverse("persona:restore", args=[persona.slug]))
    persona.refresh_from_db()
    assert persona.status == "active"


def test_archive_needs_a_post(client, alice, persona):
    client.force_login(alice)

    assert client.get(reverse("persona:archive", args=[persona.slug])).status_code == 405


def test_delete_redirects_to_the_list_with_an_undo_button(client, alice, persona):
    client.force_login(alice)

    response = client.post(
        reverse("persona:delete", args=[persona.slug]),
        {"reason": "duplicate", "reason_detail": "Made twice."},
        follow=True,
    )

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("persona:list")
    assert "“Deletable Dora” was deleted." in page
    assert re.search(rf'<form method="post" action="{undo_url(persona)}"[^>]*>', page)
    assert 'name="csrfmiddlewaretoken"' in page and ">Undo</button>" in page
    assert persona.get_absolute_url() not in page.replace(undo_url(persona), "")
    deleted = Persona.all_objects.get(pk=persona.pk)
    assert (deleted.delete_reason, deleted.delete_reason_detail, deleted.deleted_by) == (
        "duplicate",
        "Made twice.",
        alice,
    )


def test_the_undo_button_works_with_csrf_checks_on(alice, persona):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(reverse("persona:delete", args=[persona.slug])).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    listing = client.post(
        reverse("persona:delete", args=[persona.slug]), {"csrfmiddlewaretoken": token}, follow=True
    ).content.decode()
    undo_token = re.search(
        r'undo-form[^>]*><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', listing
    )

    response = client.post(undo_url(persona), {"csrfmiddlewaretoken": undo_token.group(1)})

    assert response.status_code == 302
    assert Persona.objects.filter(pk=persona.pk).exists()


def test_a_deleted_persona_is_404_and_gone_from_the_list(client, alice, persona):
    persona_delete(persona=persona, actor=alice)
    client.force_login(alice)

    assert client.get(persona.get_absolute_url()).status_code == 404
    assert persona.get_absolute_url() not in client.get(reverse("persona:list")).content.decode()


def test_undo_inside_the_window_restores_the_persona_exactly(client, alice, persona):
    persona_delete(persona=persona, actor=alice, reason="outdated")
    client.force_login(alice)

    response = client.post(undo_url(persona), follow=True)

    assert response.redirect_chain[-1][0] == persona.get_absolute_url()
    assert "is back, exactly as it was" in response.content.decode()
    restored = Persona.objects.get(pk=persona.pk)
    assert (restored.name, restored.visibility, restored.delete_reason) == ("Deletable Dora", "public", "")


def test_undo_page_inside_the_window_offers_the_button(client, alice, persona):
    persona_delete(persona=persona, actor=alice)
    client.force_login(alice)

    response = client.get(undo_url(persona))

    assert response.status_code == 200
    assert "Undo delete" in response.content.decode()


def test_after_the_window_the_undo_page_says_it_has_passed(client, alice, persona):
    persona_delete(persona=persona, actor=alice)
    expire_undo_window(persona)
    client.force_login(alice)

    posted = client.post(undo_url(persona))
    shown = client.get(undo_url(persona))

    for response in (posted, shown):
        assert response.status_code == 410
        assert "The undo window has passed" in response.content.decode()
    assert not Persona.objects.filter(pk=persona.pk).exists()


def test_a_moderator_may_undo(client, alice, maude, persona):
    persona_delete(persona=persona, actor=alice)
    client.force_login(maude)

    client.post(undo_url(persona))

    assert Persona.objects.filter(pk=persona.pk).exists()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_others_get_404_on_undo(client, alice, bob, charlie, persona, who):
    persona_share(persona=persona, actor=alice, username="bob", role="edit")
    persona_delete(persona=persona, actor=alice)
    client.force_login({"bob": bob, "charlie": charlie}[who])

    assert client.post(undo_url(persona)).status_code == 404
    assert client.get(undo_url(persona)).status_code == 404
    assert not Persona.objects.filter(pk=persona.pk).exists()


def test_undo_is_refused_when_the_name_was_taken_meanwhile(client, alice, bob, persona):
    persona_delete(persona=persona, actor=alice)
    PersonaFactory(owner=bob, name="Deletable Dora")
    client.force_login(alice)

    response = client.post(undo_url(persona), follow=True)

    assert "Another persona took this name" in response.content.decode()
    assert Persona.all_objects.get(pk=persona.pk).is_deleted


def test_undo_of_a_live_persona_just_shows_it(client, alice, persona):
    client.force_login(alice)

    response = client.post(undo_url(persona))

    assert response.status_code == 302 and response.url == persona.get_absolute_url()


def test_owner_shares_lists_and_revokes(client, alice, bob, persona):
    client.force_login(alice)
    share_url = reverse("persona:share", args=[persona.slug])

    added = client.post(share_url, {"username": "bob", "role": "edit"}, follow=True)
    assert "Shared with bob: they may also change it." in added.content.decode()
    assert [(s.user.username, s.role) for s in added.context["shares"]] == [("bob", "edit")]
    assert persona.shares.filter(user=bob, role="edit").exists()

    revoked = client.post(reverse("persona:unshare", args=[persona.slug]), {"username": "bob"}, follow=True)
    assert "bob no longer has access" in revoked.content.decode()
    assert not persona.shares.exists()


def test_revoking_someone_not_shared_with_is_a_message(client, alice, persona):
    client.force_login(alice)

    response = client.post(reverse("persona:unshare", args=[persona.slug]), {"username": "zed"}, follow=True)

    assert "This persona is not shared with “zed”" in response.content.decode()


def test_preferred_page_offers_listed_personas_and_saves_the_choice(client, alice, bob, persona):
    own_private = PersonaFactory(owner=bob, visibility="private", name="Bob's Private")
    others_private = PersonaFactory(owner=alice, visibility="private", name="Alice's Private")
    client.force_login(bob)

    choices = list(client.get(reverse("persona:preferred")).context["form"].fields["persona"].queryset)
    response = client.post(reverse("persona:preferred"), {"persona": own_private.pk}, follow=True)

    assert persona in choices and own_private in choices and others_private not in choices
    assert PersonaPreference.objects.get(user=bob).persona == own_private
    assert "You prefer" in response.content.decode()


def test_choosing_a_persona_one_cannot_see_is_refused(client, alice, bob):
    hidden = PersonaFactory(owner=alice, visibility="private")
    client.force_login(bob)

    response = client.post(reverse("persona:preferred"), {"persona": hidden.pk}, follow=True)

    assert "Choose one of the personas you can see" in response.content.decode()
    assert not PersonaPreference.objects.filter(user=bob, persona=hidden).exists()


def test_make_preferred_from_a_persona_page_returns_there(client, bob, persona):
    client.force_login(bob)

    response = client.post(
        reverse("persona:preferred"), {"persona": persona.pk, "next": persona.get_absolute_url()}
    )

    assert response.url == persona.get_absolute_url()
    assert PersonaPreference.objects.get(user=bob).persona == persona


def test_preference_can_be_cleared_and_never_redirects_off_site(client, bob, persona):
    persona_set_preferred(user=bob, persona=persona)
    client.force_login(bob)

    response = client.post(reverse("persona:preferred"), {"persona": "", "next": "https://evil.example/"})

    assert response.url == reverse("persona:preferred")
    assert PersonaPreference.objects.get(user=bob).persona is None


def test_preferred_page_needs_a_login(client, db):
    assert client.get(reverse("persona:preferred")).status_code == 302
