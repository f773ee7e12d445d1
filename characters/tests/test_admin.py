import pytest

from characters.services import PUBLIC_NEEDS_STYLE
from characters.tests.factories import make_character

pytestmark = pytest.mark.django_db


def _change(character) -> str:
    return f"/admin/characters/characterprofile/{character.pk}/change/"


def test_the_admin_gives_the_public_rule_message(moderator_client, alice):
    character = make_character(alice, name="Admin Ann")
    response = moderator_client.post(_change(character), {"name": "Admin Ann", "is_public": "on"})
    assert response.status_code == 200
    assert PUBLIC_NEEDS_STYLE in response.content.decode()
    character.refresh_from_db()
    assert not character.is_public


def test_a_moderator_features_a_character_and_history_records_it(moderator_client, alice, maude):
    character = make_character(alice, name="Star Sam", images=1, is_public=True)
    data = {"name": "Star Sam", "is_public": "on", "is_featured": "on", "description": ""}
    for prefix, count in (("styles", 0), ("images", 1)):
        data |= {f"{prefix}-TOTAL_FORMS": count, f"{prefix}-INITIAL_FORMS": count}
    data["images-0-id"] = character.images.get().pk
    assert moderator_client.post(_change(character), data).status_code == 302
    character.refresh_from_db()
    assert character.is_featured
    assert character.history.first().history_user == maude
    assert moderator_client.get(f"{_change(character).removesuffix('change/')}history/").status_code == 200


def test_staff_without_moderation_rights_do_not_see_private_characters(client, alice, staff_reviewer):
    private = make_character(alice, name="Quiet Quinn")
    client.force_login(staff_reviewer)
    response = client.get(_change(private))
    assert response.status_code in (302, 403, 404)
    assert "Quiet Quinn" not in client.get("/admin/characters/characterprofile/").content.decode()


def test_retry_training_action(moderator_client, alice, django_capture_on_commit_callbacks):
    character = make_character(alice, name="Retry Rae")
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            "/admin/characters/trainingprofile/",
            {"action": "retry", "_selected_action": [character.training.pk]},
        )
    character.training.refresh_from_db()
    assert character.training.status == "complete"


def test_the_tag_tree_in_the_admin_refuses_a_cycle(moderator_client, alice):
    from characters.services import tag_create

    top = tag_create(actor=alice, name="Top")
    child = tag_create(actor=alice, name="Child", parent=top)
    assert "Top" in moderator_client.get("/admin/characters/tag/").content.decode()
    response = moderator_client.post(
        f"/admin/characters/tag/{top.pk}/change/", {"name": "Top", "parent": child.pk}
    )
    assert response.status_code == 200
    assert "cannot sit under itself" in response.content.decode()
