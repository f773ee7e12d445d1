import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from characters import selectors
from characters.models import CharacterSlugRedirect, ReferenceImage, Tag, TrainingStatus
from characters.services import (
    PUBLIC_NEEDS_STYLE,
    character_create,
    character_style_create,
    character_update,
    reference_image_add,
    reference_image_delete,
    reference_image_set_primary,
    reference_images_reorder,
    tag_create,
)
from characters.tests.factories import make_character
from conftest import png_upload

pytestmark = pytest.mark.django_db


def test_slug_comes_from_the_name_with_a_random_suffix(alice):
    character = make_character(alice, name="Ember Fox")
    assert character.slug.startswith("ember-fox-")
    assert len(character.slug) == len("ember-fox-") + 6


def test_rename_makes_a_new_slug_and_the_old_one_redirects(alice, client):
    character = make_character(alice, name="Ember Fox", images=1, is_public=True)
    old = character.slug
    character = character_update(character=character, actor=alice, name="Ember Wolf")
    assert character.slug.startswith("ember-wolf-")
    assert CharacterSlugRedirect.objects.filter(old_slug=old, character=character).exists()
    response = client.get(f"/characters/{old}/")
    assert response.status_code == 301
    assert response["Location"] == character.get_absolute_url()


def test_old_slug_of_a_private_character_does_not_redirect_strangers(alice, bob, client):
    character = make_character(alice, name="Hidden One")
    old = character.slug
    character_update(character=character, actor=alice, name="Hidden Two")
    client.force_login(bob)
    assert client.get(f"/characters/{old}/").status_code == 404


def test_names_are_unique_whatever_their_case(alice, bob):
    make_character(alice, name="Ember Fox")
    with pytest.raises(ValidationError) as error:
        make_character(bob, name="EMBER fox")
    assert "name" in error.value.message_dict


def test_a_public_character_needs_a_style_or_an_image(alice):
    with pytest.raises(ValidationError) as error:
        make_character(alice, is_public=True)
    assert error.value.message_dict["is_public"] == [PUBLIC_NEEDS_STYLE]
    assert make_character(alice, is_public=True, styles=1).is_public


def test_making_a_bare_character_public_is_refused_and_deleting_its_last_image_too(alice):
    character = make_character(alice)
    with pytest.raises(ValidationError, match=PUBLIC_NEEDS_STYLE):
        character_update(character=character, actor=alice, is_public=True)
    image = reference_image_add(character=character, actor=alice, image=png_upload(), alt_text="Face")
    character_update(character=character, actor=alice, is_public=True)
    with pytest.raises(ValidationError, match=PUBLIC_NEEDS_STYLE):
        reference_image_delete(image=image, actor=alice)


def test_a_style_needs_a_prompt_or_a_helper_and_takes_the_helpers_negative_prompt(alice):
    from prompts.models import PromptHelper

    character = make_character(alice)
    with pytest.raises(ValidationError) as error:
        character_style_create(character=character, actor=alice, name="Empty")
    assert "prompt" in error.value.message_dict
    helper = PromptHelper.objects.create(name="Ink", prompt="ink drawing", negative_prompt="blurry")
    style = character_style_create(character=character, actor=alice, name="Ink", prompt_helper=helper)
    assert style.negative_prompt == "blurry"


def test_the_first_image_is_primary_and_switching_keeps_one(alice):
    character = make_character(alice, images=2)
    first, second = character.images.order_by("order")
    assert first.is_primary and not second.is_primary
    reference_image_set_primary(image=second, actor=alice)
    assert list(character.images.filter(is_primary=True)) == [second]


def test_the_database_refuses_a_second_primary_image(alice):
    character = make_character(alice, images=1)
    stored = character.images.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferenceImage.objects.create(
            character=character, image=stored.image.name, alt_text="x", is_primary=True
        )


def test_reorder_needs_every_image_once(alice):
    character = make_character(alice, images=3)
    ids = list(character.images.order_by("order").values_list("pk", flat=True))
    reference_images_reorder(character=character, actor=alice, image_ids=ids[::-1])
    assert list(character.images.order_by("order").values_list("pk", flat=True)) == ids[::-1]
    with pytest.raises(ValidationError):
        reference_images_reorder(character=character, actor=alice, image_ids=ids[:2])


def test_metadata_is_stored_and_the_task_makes_thumbnail_and_webp(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        character = make_character(alice)
        image = reference_image_add(
            character=character, actor=alice, image=png_upload(size=(300, 200)), alt_text="Wide"
        )
    image.refresh_from_db()
    assert (image.width, image.height, image.format) == (300, 200, "PNG")
    assert image.bytes == image.image.size > 0
    assert image.thumbnail.name.endswith(".webp") and image.web_image.name.endswith(".webp")
    from PIL import Image

    with image.thumbnail.open("rb") as file, Image.open(file) as thumb:
        assert thumb.size == (256, 256)


def test_alt_text_is_required_and_at_most_150_characters(alice):
    character = make_character(alice)
    for alt in ("", "x" * 151):
        with pytest.raises(ValidationError) as error:
            reference_image_add(character=character, actor=alice, image=png_upload(), alt_text=alt)
        assert "alt_text" in error.value.message_dict


def test_tags_form_a_tree_without_cycles(alice):
    fantasy = tag_create(actor=alice, name="Fantasy")
    elves = tag_create(actor=alice, name="Elves", parent=fantasy)
    wood = tag_create(actor=alice, name="Wood elves", parent=elves)
    fantasy.parent = wood
    with pytest.raises(ValidationError) as error:
        fantasy.full_clean()
    assert "parent" in error.value.message_dict
    fantasy.parent = fantasy
    with pytest.raises(ValidationError):
        fantasy.full_clean()
    with pytest.raises(ValidationError):
        tag_create(actor=alice, name="fantasy")


def test_filtering_by_a_tag_includes_its_descendants_in_one_query(alice, django_assert_num_queries):
    fantasy = tag_create(actor=alice, name="Fantasy")
    elves = tag_create(actor=alice, name="Elves", parent=fantasy)
    wood = tag_create(actor=alice, name="Wood elves", parent=elves)
    scifi = tag_create(actor=alice, name="Science fiction")
    deep = make_character(alice, name="Deep Elf", tags=[wood])
    top = make_character(alice, name="Top Wizard", tags=[fantasy])
    make_character(alice, name="Robot", tags=[scifi])
    visible = selectors.character_list_visible_to(user=alice)
    with django_assert_num_queries(1):
        names = {c.name for c in selectors.characters_tagged(visible, fantasy)}
    assert names == {deep.name, top.name}
    assert {c.name for c in selectors.characters_tagged(visible, elves)} == {deep.name}
    assert Tag.objects.count() == 4


def test_each_character_gets_a_training_profile(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        character = character_create(actor=alice, name="Trained One", description="A quiet scholar.")
    character.training.refresh_from_db()
    assert character.training.status == TrainingStatus.COMPLETE
    assert len(character.training.embedding) == 536
