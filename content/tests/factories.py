import factory
from faker import Faker

from content.models import ContentItem, ContentKind
from content.services import content_create
from persona.tests.factories import PersonaFactory

fake = Faker()


class ContentItemFactory(factory.django.DjangoModelFactory):
    """A post published by the persona's owner through `content_create`, as on the site."""

    class Meta:
        model = ContentItem

    persona = factory.SubFactory(PersonaFactory)
    kind = ContentKind.POST
    title = factory.Sequence(lambda n: f"{fake.sentence(nb_words=4)[:-1]} {n}")
    body = factory.LazyFunction(lambda: fake.paragraph(nb_sentences=2))

    @classmethod
    def _create(cls, model_class, *args, persona, **kwargs):
        return content_create(persona=persona, actor=persona.owner, **kwargs)
