import pytest

from accounts.tests.factories import UserFactory
from conftest import api_client_for
from leveling.models import PersonaSkill, Skill
from persona.models import Visibility
from persona.services import persona_share, persona_unshare
from persona.tests.factories import PersonaFactory
from prompts.models import Answer, Prompt, SkillScore
from prompts.tests.factories import AnswerFactory, PromptFactory, SkillScoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_answer(alice, prompt):
    return AnswerFactory(persona=PersonaFactory(owner=alice, visibility=Visibility.PRIVATE), prompt=prompt)


def test_skills_and_attributes_are_public():
    client = api_client_for(None)
    attributes = client.get("/api/v1/attributes/").json()
    assert [a["slug"] for a in attributes] == ["cognition", "mastery", "communication", "versatility"]
    assert len(attributes[0]["skills"]) == 3
    assert len(client.get("/api/v1/skills/").json()) == Skill.objects.count()


def test_moderators_create_prompts_and_others_get_403(maude, alice):
    skill = Skill.objects.get(slug="clarity")
    body = {
        "title": "Explain DNS",
        "text": "To a child.",
        "difficulty": 2,
        "skills": [{"skill": skill.pk, "weight": "1.5"}],
    }
    assert api_client_for(alice).post("/api/v1/prompts/", body, format="json").status_code == 403
    response = api_client_for(maude).post("/api/v1/prompts/", body, format="json")
    assert response.status_code == 201
    assert response.json()["skills"] == [{"skill": skill.pk, "skill_slug": "clarity", "weight": "1.5"}]
    assert Prompt.objects.get(title="Explain DNS").history.count() == 1


def test_a_prompt_without_skills_is_a_400_naming_the_field(maude):
    response = api_client_for(maude).post(
        "/api/v1/prompts/", {"title": "T", "text": "x", "skills": []}, format="json"
    )
    assert response.status_code == 400
    assert "skills" in response.json()["errors"]


def test_inactive_prompts_are_hidden_from_non_moderators(maude, alice):
    hidden = PromptFactory(is_active=False)
    assert api_client_for(alice).get(f"/api/v1/prompts/{hidden.pk}/").status_code == 404
    assert api_client_for(maude).get(f"/api/v1/prompts/{hidden.pk}/").status_code == 200


def test_the_owner_answers_through_the_api(alice, persona, prompt):
    response = api_client_for(alice).post(
        "/api/v1/answers/", {"persona": persona.pk, "prompt": prompt.pk, "text": "An answer"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["persona_name"] == persona.name and response.json()["scores"] == []
    again = api_client_for(alice).post(
        "/api/v1/answers/", {"persona": persona.pk, "prompt": prompt.pk, "text": "Again"}, format="json"
    )
    assert again.status_code == 400 and "prompt" in again.json()["errors"]


def test_a_stranger_cannot_answer_for_a_private_persona_and_learns_nothing(charlie, prompt, private_answer):
    response = api_client_for(charlie).post(
        "/api/v1/answers/",
        {"persona": private_answer.persona.pk, "prompt": prompt.pk, "text": "Hi"},
        format="json",
    )
    assert response.status_code == 400 and "persona" in response.json()["errors"]


@pytest.mark.parametrize("who", ["maude", "superuser"])
def test_moderators_without_a_stake_get_403_answering_for_a_persona(request, who, persona, prompt):
    body = {"persona": persona.pk, "prompt": prompt.pk, "text": "Moderated"}

    response = api_client_for(request.getfixturevalue(who)).post("/api/v1/answers/", body, format="json")

    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_nobody_scores_an_answer_they_wrote(alice, persona, prompt):
    """Bob answered while the persona was shared with him for editing; he reviews, too."""
    bob = UserFactory(username="bob", groups=["reviewers"])
    persona_share(persona=persona, actor=alice, username="bob", role="edit")
    body = {"persona": persona.pk, "prompt": prompt.pk, "text": "Mine"}
    answer = api_client_for(bob).post("/api/v1/answers/", body, format="json").json()
    persona_unshare(persona=persona, actor=alice, username="bob")
    score = {"answer": answer["id"], "skill": prompt.skills.first().pk, "score": 10}

    response = api_client_for(bob).post("/api/v1/skill-scores/", score, format="json")

    assert response.status_code == 403
    assert not SkillScore.objects.exists()
    assert PersonaSkill.objects.get(persona=persona, skill=prompt.skills.first()).xp == 0


def test_a_stranger_gets_404_for_a_private_personas_answers_scores_progress(charlie, private_answer, maude):
    SkillScore.objects.create(
        answer=private_answer, skill=Skill.objects.get(slug="reasoning"), score=5, scorer=maude
    )
    client = api_client_for(charlie)
    persona = private_answer.persona
    assert client.get(f"/api/v1/answers/{private_answer.pk}/").status_code == 404
    assert client.get(f"/api/v1/answers/?persona={persona.pk}").status_code == 404
    assert private_answer.pk not in [a["id"] for a in client.get("/api/v1/answers/").json()["results"]]
    assert client.get("/api/v1/skill-scores/").json()["results"] == []
    assert client.get(f"/api/v1/personas/{persona.pk}/progress/").status_code == 404
    assert client.get(f"/api/v1/personas/{persona.pk}/next-prompts/").status_code == 404
    owner = api_client_for(persona.owner)
    assert owner.get(f"/api/v1/answers/{private_answer.pk}/").json()["scores"][0]["score"] == 5
    assert owner.get(f"/api/v1/personas/{persona.pk}/progress/").status_code == 200


def test_lists_leave_out_unlisted_personas_answers_and_scores_which_open_by_id(bob, charlie, prompt):
    unlisted = AnswerFactory(persona=PersonaFactory(owner=bob, visibility=Visibility.UNLISTED), prompt=prompt)
    score = SkillScoreFactory(answer=unlisted)
    stranger, owner = api_client_for(charlie), api_client_for(bob)

    assert stranger.get("/api/v1/skill-scores/").json()["results"] == []
    assert stranger.get("/api/v1/answers/").json()["results"] == []
    assert stranger.get(f"/api/v1/skill-scores/{score.pk}/").json()["score"] == score.score
    assert stranger.get(f"/api/v1/answers/{unlisted.pk}/").status_code == 200
    assert [s["id"] for s in owner.get("/api/v1/skill-scores/").json()["results"]] == [score.pk]


def test_reviewers_score_through_the_api_and_the_persona_gains_xp(rita, alice, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    skill = Skill.objects.get(slug="reasoning")
    body = {"answer": answer.pk, "skill": skill.pk, "score": 8}
    assert api_client_for(alice).post("/api/v1/skill-scores/", body, format="json").status_code == 403
    response = api_client_for(rita).post("/api/v1/skill-scores/", body, format="json")
    assert response.status_code == 201
    assert response.json()["xp_awarded"] == 300
    assert PersonaSkill.objects.get(persona=persona, skill=skill).xp == 300
    again = api_client_for(rita).post("/api/v1/skill-scores/", body, format="json")
    assert again.status_code == 400 and "skill" in again.json()["errors"]


def test_a_non_reviewer_gets_403_and_a_bad_score_a_400(bob, rita, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    body = {"answer": answer.pk, "skill": prompt.skills.first().pk, "score": 8}
    assert api_client_for(bob).post("/api/v1/skill-scores/", body, format="json").status_code == 403
    response = api_client_for(rita).post("/api/v1/skill-scores/", {**body, "score": 11}, format="json")
    assert response.status_code == 400 and "score" in response.json()["errors"]
    assert api_client_for(None).post("/api/v1/skill-scores/", body, format="json").status_code in (401, 403)


def test_the_author_edits_an_answer_and_others_cannot(alice, bob, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt, author=alice)
    response = api_client_for(alice).patch(f"/api/v1/answers/{answer.pk}/", {"text": "Edited"}, format="json")
    assert response.status_code == 200 and response.json()["text"] == "Edited"
    assert (
        api_client_for(bob).patch(f"/api/v1/answers/{answer.pk}/", {"text": "x"}, format="json").status_code
        == 403
    )
    assert Answer.objects.get(pk=answer.pk).text == "Edited"


def test_progress_and_next_prompts_of_a_public_persona(persona, prompt, rita):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    api_client_for(rita).post(
        "/api/v1/skill-scores/",
        {"answer": answer.pk, "skill": prompt.skills.first().pk, "score": 10},
        format="json",
    )
    other = PromptFactory(title="Next one", skills=["empathy"])
    progress = api_client_for(None).get(f"/api/v1/personas/{persona.pk}/progress/").json()
    cognition = progress["attributes"][0]
    assert cognition["tier_name"] == "T10 Stone" and cognition["skills"][0]["level"] == 4
    assert {a["code"] for a in progress["achievements"]} == {"perfect-score"}
    assert progress["total_points"] == 25 and len(progress["quests"]) == 4
    next_prompts = api_client_for(None).get(f"/api/v1/personas/{persona.pk}/next-prompts/").json()
    assert [p["id"] for p in next_prompts] == [other.pk]


@pytest.mark.parametrize("value", ["²", "abc", "9" * 30, "0"])
def test_a_persona_filter_that_is_not_an_id_is_a_400_naming_it(alice, value):
    response = api_client_for(alice).get("/api/v1/answers/", {"persona": value})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["persona"]


def test_an_empty_persona_filter_lists_every_answer(alice, private_answer):
    response = api_client_for(alice).get("/api/v1/answers/?persona=")

    assert response.status_code == 200
    assert [a["id"] for a in response.json()["results"]] == [private_answer.pk]
