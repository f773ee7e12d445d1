"""The history timeline on a persona's page, restoring an earlier version, and old slugs redirecting."""

import re

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from conftest import png_bytes
from persona.services import persona_share, persona_update
from persona.tests.factories import PersonaFactory
from persona.tests.test_views_forms import upload


@pytest.fixture
def edited(alice, bob):
    """A private persona alice created, shared with bob for "use", then edited twice."""
    persona = PersonaFactory(
        owner=alice,
        visibility="private",
        name="Versioned Vera",
        description="First words.",
        system_prompt="v1",
    )
    persona_share(persona=persona, actor=alice, username="bob", role="use")
    persona = persona_update(persona=persona, actor=alice, description="Second words.", system_prompt="v2")
    return persona_update(persona=persona, actor=alice, personality_traits={"calm": 0.4})


def restore_urls(page: str) -> list[str]:
    return re.findall(r'href="(/personas/[^"]+/history/\d+/restore/)"', page)


def test_timeline_shows_each_version_what_changed_who_and_when(client, alice, edited):
    client.force_login(alice)

    response = client.get(edited.get_absolute_url())

    timeline = response.context["timeline"]
    assert [version.title for version in timeline] == ["Edited", "Edited", "Created"]
    assert all(version.record.history_user == alice for version in timeline)
    newest, middle, created = timeline
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Personality traits", "curiosity 0.80, warmth 0.60", "calm 0.40")
    ]
    assert {(c.label, c.old, c.new) for c in middle.changes} == {
        ("Description", "First words.", "Second words."),
        ("System prompt", "v1", "v2"),
    }
    assert created.changes == []
    page = response.content.decode()
    assert "<del>First words.</del>" in page and "<ins>Second words.</ins>" in page
    assert "by alice" in page


def test_owner_gets_a_restore_button_on_every_older_version(client, alice, edited):
    client.force_login(alice)

    page = client.get(edited.get_absolute_url()).content.decode()

    assert len(restore_urls(page)) == 2
    assert "Restore this version" in page


def test_a_use_only_user_sees_history_without_restore_or_system_prompt_values(client, bob, edited):
    client.force_login(bob)

    response = client.get(edited.get_absolute_url())

    page = response.content.decode()
    assert restore_urls(page) == []
    assert "changed (hidden from you)" in page
    assert "v1" not in re.sub(r"<[^>]+>", " ", page).split()


def test_restoring_a_version_brings_back_its_content_and_records_a_new_version(client, alice, edited):
    client.force_login(alice)
    created = edited.history.earliest()

    response = client.post(reverse("persona:restore_version", args=[edited.slug, created.history_id]))

    edited.refresh_from_db()
    assert response.status_code == 302
    assert (edited.description, edited.system_prompt) == ("First words.", "v1")
    assert edited.personality_traits == {"curiosity": 0.8, "warmth": 0.6}
    assert edited.history.count() == 4
    page = client.get(edited.get_absolute_url()).content.decode()
    assert "The earlier version is back" in page
    when = dateformat.format(timezone.localtime(created.history_date), "j F Y, H:i")
    assert edited.history.latest().history_change_reason == f"Restored version of {when}"
    assert f"Restored version of {when}" in page


def test_restoring_a_version_asks_first_and_shows_what_changes(client, alice, edited):
    client.force_login(alice)
    url = reverse("persona:restore_version", args=[edited.slug, edited.history.earliest().history_id])

    page = client.get(url).content.decode()

    edited.refresh_from_db()
    assert edited.description == "Second words."  # nothing restored by looking
    assert "Restore this version of" in page and 'method="post"' in page
    assert "<del>Second words.</del>" in page and "<ins>First words.</ins>" in page


def test_the_confirmation_of_a_missing_version_is_404(client, alice, edited):
    client.force_login(alice)
    other = PersonaFactory(owner=alice)

    url = reverse("persona:restore_version", args=[edited.slug, other.history.earliest().history_id])
    assert client.get(url).status_code == 404


def test_restore_is_refused_to_a_viewer_and_hidden_from_a_stranger(client, bob, charlie, edited):
    url = reverse("persona:restore_version", args=[edited.slug, edited.history.earliest().history_id])
    client.force_login(bob)
    assert client.post(url).status_code == 403
    client.force_login(charlie)
    assert client.post(url).status_code == 404
    edited.refresh_from_db()
    assert edited.description == "Second words."


def test_restoring_a_version_of_another_persona_is_an_error_message(client, alice, edited):
    other = PersonaFactory(owner=alice)
    client.force_login(alice)

    response = client.post(
        reverse("persona:restore_version", args=[edited.slug, other.history.earliest().history_id]),
        follow=True,
    )

    assert "That version could not be restored" in response.content.decode()


def test_an_old_slug_redirects_permanently_to_the_new_one(client, alice):
    persona = PersonaFactory(owner=alice, name="Old Name")
    old_url = persona.get_absolute_url()
    persona = persona_update(persona=persona, actor=alice, name="New Name")

    response = client.get(old_url)

    assert response.status_code == 301
    assert response.url == persona.get_absolute_url()
    assert persona.get_absolute_url().startswith("/personas/new-name-")


def test_an_old_slug_of_a_private_persona_is_404_for_a_stranger(client, alice, charlie):
    persona = PersonaFactory(owner=alice, name="Quiet Name", visibility="private")
    old_url = persona.get_absolute_url()
    persona_update(persona=persona, actor=alice, name="Quieter Name")
    client.force_login(charlie)

    assert client.get(old_url).status_code == 404


def test_an_unknown_slug_is_404(client, db):
    assert client.get("/personas/never-existed/").status_code == 404


def test_an_image_upload_is_one_version_not_two(client, alice):
    persona = PersonaFactory(owner=alice, image=upload("a.png", png_bytes()))
    persona = persona_update(persona=persona, actor=alice, image=upload("b.png", png_bytes(colour="#010203")))
    client.force_login(alice)

    timeline = client.get(persona.get_absolute_url()).context["timeline"]

    assert [version.title for version in timeline] == ["Edited", "Created"]
    assert timeline[0].is_current and not timeline[1].is_current
    assert [change.label for change in timeline[0].changes] == ["Image"]
