"""Progress rows in the admin follow their persona's privacy: staff see those of personas they may read."""

import pytest
from django.contrib.auth.models import Permission

from leveling import achievements as codes
from leveling.models import PersonaAchievement, PersonaQuestProgress, PersonaSkill, Skill, TutorialProgress
from leveling.services import achievements_award, progress_record_answer
from persona.models import Visibility
from persona.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

PROGRESS_MODELS = [PersonaSkill, TutorialProgress, PersonaQuestProgress, PersonaAchievement]


def with_progress(persona):
    progress_record_answer(persona=persona, skills=[Skill.objects.get(slug="reasoning")])
    achievements_award(persona=persona, codes={codes.FIRST_ANSWER})
    return persona


@pytest.fixture
def progress_viewer(db, staff_reviewer):
    """Staff who may view progress rows, without any right on personas."""
    codenames = [f"view_{model._meta.model_name}" for model in PROGRESS_MODELS]
    staff_reviewer.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return staff_reviewer


@pytest.mark.parametrize("model", PROGRESS_MODELS, ids=lambda model: model.__name__)
def test_staff_see_progress_of_readable_personas_only(client, alice, bob, progress_viewer, model):
    secret = with_progress(PersonaFactory(owner=alice, visibility=Visibility.PRIVATE))
    public = with_progress(PersonaFactory(owner=bob))
    url = f"/admin/leveling/{model._meta.model_name}/"
    client.force_login(progress_viewer)

    listed = client.get(url).context["cl"].result_list
    secret_row = model.objects.filter(persona=secret).first()

    assert {row.persona_id for row in listed} == {public.pk}
    assert client.get(f"{url}{secret_row.pk}/change/", follow=True).redirect_chain[-1][0] == "/admin/"
