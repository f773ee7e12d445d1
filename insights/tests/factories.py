import factory

from insights.models import EducationLevel, IncomeBracket, ResearchProfile
from persona.tests.factories import PersonaFactory


class ResearchProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchProfile

    persona = factory.SubFactory(PersonaFactory)
    age = 34
    gender = "female"
    location = "Lyon, France"
    occupation = "Product manager"
    education_level = EducationLevel.MASTER
    income_bracket = IncomeBracket.UPPER_MIDDLE
    openness, conscientiousness, extraversion, agreeableness, neuroticism = 0.8, 0.7, 0.4, 0.6, 0.3
    power_distance, individualism, masculinity = 0.4, 0.7, 0.5
    uncertainty_avoidance, long_term_orientation, indulgence = 0.6, 0.6, 0.5
    values = factory.LazyFunction(lambda: ["sustainability", "family"])
    interests = factory.LazyFunction(lambda: ["cycling", "cooking"])
    background_story = "Grew up near the Alps; moved to the city for work."
    segment_id = "urban-pro-01"
    segment_name = "Urban professionals"
    context = factory.LazyFunction(lambda: {"source": "survey 2026", "respondents": 120})
