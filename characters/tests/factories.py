import factory
from faker import Faker

from characters.models import CharacterProfile, TrainingProfile
from characters.services import character_create
from conftest import png_upload

fake = Faker()


def make_character(actor, *, name: str | None = None, images: int = 0, styles: int = 0, **fields):
    """A character through the service (its training profile included)."""
    image_rows = [{"image": png_upload(), "alt_text": f"Picture {i + 1}"} for i in range(images)]
    style_rows = [{"name": f"Style {i + 1}", "prompt": "oil painting, warm light"} for i in range(styles)]
    return character_create(
        actor=actor,
        name=name or fake.unique.first_name() + " " + fake.unique.last_name(),
        description=fields.pop("description", "A character for tests."),
        images=image_rows,
        styles=style_rows,
        **fields,
    )


class CharacterFactory(factory.django.DjangoModelFactory):
    """A bare row without the service (for constraint tests); prefer make_character."""

    class Meta:
        model = CharacterProfile

    name = factory.LazyFunction(lambda: fake.unique.name())
    slug = factory.LazyFunction(lambda: fake.unique.slug())
    created_by = None
    training = factory.RelatedFactory("characters.tests.factories.TrainingFactory", "character")


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProfile
