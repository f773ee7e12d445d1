"""The admin shows answers and scores only of personas the staff member may read (superusers: all)."""

import pytest

from persona.models import Visibility
from persona.tests.factories import PersonaFactory
from prompts.models import SkillScore
from prompts.tests.factories import AnswerFactory, SkillScoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_answer(alice, prompt):
    secret = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE, name="Alice Secret")
    answer = AnswerFactory(persona=secret, prompt=prompt)
    SkillScoreFactory(answer=answer)
    return answer


@pytest.fixture
def public_answer(bob, prompt):
    answer = AnswerFactory(persona=PersonaFactory(owner=bob, name="Bob Public"), prompt=prompt)
    SkillScoreFactory(answer=answer)
    return answer


def shown(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200
    return {row.pk for row in response.context["cl"].result_list}


def test_a_staff_reviewer_lists_answers_and_scores_of_readable_personas_only(
    client, staff_reviewer, secret_answer, public_answer
):
    client.force_login(staff_reviewer)

    assert shown(client, "/admin/prompts/answer/") == {public_answer.pk}
    assert shown(client, "/admin/prompts/answer/?_to_field=id&_popup=1") == {public_answer.pk}  # raw-id
    assert shown(client, "/admin/prompts/answer/?q=Secret") == set()
    assert shown(client, "/admin/prompts/skillscore/") == set(
        public_answer.scores.values_list("pk", flat=True)
    )


def test_a_staff_reviewer_cannot_open_a_private_personas_answer_or_score_by_url(
    client, staff_reviewer, secret_answer, public_answer
):
    client.force_login(staff_reviewer)
    score = secret_answer.scores.get()

    for url in (
        f"/admin/prompts/answer/{secret_answer.pk}/change/",
        f"/admin/prompts/answer/{secret_answer.pk}/history/",
        f"/admin/prompts/skillscore/{score.pk}/change/",
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == "/admin/", url
        assert "Alice Secret" not in response.content.decode()
    assert client.get(f"/admin/prompts/answer/{public_answer.pk}/change/").status_code == 200


def test_the_score_form_treats_an_unreadable_answer_as_unknown(client, staff_reviewer, secret_answer):
    client.force_login(staff_reviewer)
    skill = secret_answer.prompt.skills.last()

    response = client.post(
        "/admin/prompts/skillscore/add/", {"answer": secret_answer.pk, "skill": skill.pk, "score": 7}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(response.context["adminform"].form.errors["answer"])
    assert not SkillScore.objects.filter(answer=secret_answer, scorer=staff_reviewer).exists()


def test_superusers_see_every_answer_and_score(client, superuser, secret_answer, public_answer):
    client.force_login(superuser)

    assert shown(client, "/admin/prompts/answer/") == {secret_answer.pk, public_answer.pk}
    assert len(shown(client, "/admin/prompts/skillscore/")) == 2
    assert client.get(f"/admin/prompts/answer/{secret_answer.pk}/change/").status_code == 200


def test_the_score_form_refuses_an_answer_the_reviewer_wrote(client, staff_reviewer, public_answer):
    public_answer.author = staff_reviewer
    public_answer.save()
    client.force_login(staff_reviewer)
    body = {"answer": public_answer.pk, "skill": public_answer.prompt.skills.last().pk, "score": 10}

    response = client.post("/admin/prompts/skillscore/add/", body)

    assert response.status_code == 200
    assert "You cannot score this answer" in response.content.decode()
    assert not SkillScore.objects.filter(answer=public_answer, scorer=staff_reviewer).exists()
