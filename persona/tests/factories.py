import factory
from faker import Faker

from accounts.tests.factories import UserFactory
from persona.models import Persona, Status, Visibility
from persona.services import persona_create

fake = Faker()


class PersonaFactory(factory.django.DjangoModelFactory):
    """Created through `persona_create`, so owners get their object permissions as in real life."""

    class Meta:
        model = Persona

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"{fake.first_name()} the {fake.job()[:40]} {n}")
    description = factory.LazyFunction(lambda: fake.paragraph(nb_sentences=2))
    system_prompt = factory.LazyFunction(lambda: f"You are {fake.name()}. {fake.sentence()}")
    visibility = Visibility.PUBLIC
    status = Status.ACTIVE
    personality_traits = factory.LazyFunction(lambda: {"curiosity": 0.8, "warmth": 0.6})

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return persona_create(**kwargs)
