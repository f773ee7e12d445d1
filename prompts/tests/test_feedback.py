"""Review feedback: reviewers say why they scored as they did, the owner reads it on the answer and sees
all their answers and scores on one page, and the answer page tells who will review it."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import api_client_for
from persona.models import Visibility
from persona.tests.factories import PersonaFactory
from prompts.models import SkillScore
from prompts.tests.factories import AnswerFactory

pytestmark = pytest.mark.django_db
WHY = "Clear steps, but no example of a base case."


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def answer(persona, prompt):
    return AnswerFactory(persona=persona, prompt=prompt, text="It calls itself.")


@pytest.fixture
def reviewed(answer, rita):
    response = client_for(rita).post(
        reverse("prompts:review_answer", args=[answer.pk]),
        {"score_reasoning": "7", "comment_reasoning": WHY, "score_clarity": "5", "comment_clarity": ""},
    )
    assert response.status_code == 302
    return answer


def test_the_review_form_asks_why_and_keeps_the_comment(reviewed):
    scores = dict(SkillScore.objects.filter(answer=reviewed).values_list("skill__slug", "comment"))

    assert scores == {"reasoning": WHY, "clarity": ""}


@pytest.mark.parametrize(
    ("who", "reads_it"),
    [("alice", True), ("rita", True), ("maude", True), ("charlie", False), (None, False)],
    ids=["owner", "the reviewer", "moderator", "stranger", "anonymous"],
)
def test_the_owner_reads_why_on_the_answer(request, reviewed, who, reads_it):
    user = request.getfixturevalue(who) if who else None

    page = client_for(user).get(reviewed.get_absolute_url()).content.decode()

    assert "7 / 10" in page
    assert (WHY in page) is reads_it


def test_the_api_takes_a_comment_with_a_score(answer, rita):
    skill = answer.prompt.prompt_skills.first().skill
    body = {"answer": answer.pk, "skill": skill.pk, "score": 6, "comment": "Good."}

    response = api_client_for(rita).post("/api/v1/skill-scores/", body, format="json")

    assert response.status_code == 201
    assert SkillScore.objects.get(answer=answer).comment == "Good."


def test_a_too_long_comment_is_a_form_error_and_nothing_is_saved(answer, rita):
    response = client_for(rita).post(
        reverse("prompts:review_answer", args=[answer.pk]),
        {"score_reasoning": "7", "comment_reasoning": "x" * 1001, "score_clarity": "5"},
    )

    assert response.status_code == 400 and "at most 1000 characters" in response.content.decode()
    assert not SkillScore.objects.exists()


def test_the_answer_page_tells_who_reviews_a_private_personas_answers(alice, prompt):
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    answer = AnswerFactory(persona=private, prompt=prompt)

    page = client_for(alice).get(answer.get_absolute_url()).content.decode()

    assert "only moderators can see and score its answers" in page


def test_saving_an_answer_says_who_will_review_it(alice, prompt):
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    response = client_for(alice).post(
        reverse("prompts:answer_create", args=[prompt.pk]),
        {"persona": private.slug, "text": "Because."},
        follow=True,
    )

    assert "Answer saved. This persona is private, so only moderators" in response.content.decode()


def test_the_owner_sees_all_answers_and_scores_on_one_page(alice, bob, reviewed):
    others = AnswerFactory(persona=PersonaFactory(owner=bob), text="Bob's")

    page = client_for(alice).get(reverse("prompts:my_answers")).content.decode()

    assert reviewed.get_absolute_url() in page and "Reasoning: 7 / 10" in page and WHY in page
    assert others.get_absolute_url() not in page
    assert client_for(None).get(reverse("prompts:my_answers")).status_code == 302
