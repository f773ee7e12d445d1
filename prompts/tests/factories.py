from decimal import Decimal

import factory
from faker import Faker

from accounts.tests.factories import UserFactory
from leveling.models import Skill
from persona.tests.factories import PersonaFactory
from prompts.models import Answer, Prompt, PromptSkill, SkillScore

fake = Faker()


class PromptFactory(factory.django.DjangoModelFactory):
    """`skills=["reasoning", ...]` (slugs) attaches skills with weight 1.0; default: reasoning."""

    class Meta:
        model = Prompt
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"{fake.sentence(nb_words=4)[:-1]} {n}")
    text = factory.LazyFunction(lambda: fake.paragraph(nb_sentences=2))
    difficulty = 1
    is_active = True
    author = factory.SubFactory(UserFactory, username="maude", groups=["moderators"])

    @factory.post_generation
    def skills(self, create, slugs, **kwargs):
        if not create:
            return
        for slug in slugs or ["reasoning"]:
            weight = Decimal("1.0")
            if isinstance(slug, tuple):
                slug, weight = slug
            PromptSkill.objects.create(prompt=self, skill=Skill.objects.get(slug=slug), weight=weight)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    persona = factory.SubFactory(PersonaFactory)
    prompt = factory.SubFactory(PromptFactory)
    author = factory.LazyAttribute(lambda answer: answer.persona.owner)
    text = factory.LazyFunction(lambda: fake.paragraph(nb_sentences=3))


class SkillScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillScore

    answer = factory.SubFactory(AnswerFactory)
    skill = factory.LazyAttribute(lambda score: score.answer.prompt.skills.first())
    score = 5
    scorer = factory.SubFactory(UserFactory, username="rita", groups=["reviewers"])
