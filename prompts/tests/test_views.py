import pytest
from django.test import Client

from leveling.models import PersonaSkill, Skill
from persona.models import Visibility
from persona.tests.factories import PersonaFactory
from prompts.models import Answer, Prompt
from prompts.tests.factories import AnswerFactory, PromptFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_prompt_pages_list_and_show_prompts(alice, prompt, persona):
    assert prompt.title in client_for(None).get("/prompts/").text
    page = client_for(alice).get(f"/prompts/{prompt.pk}/")
    assert page.status_code == 200 and persona.name in page.text


def test_the_owner_answers_on_the_page_and_sees_clear_errors(alice, persona, prompt):
    client = client_for(alice)
    empty = client.post(f"/prompts/{prompt.pk}/answer/", {"persona": persona.slug, "text": "  "})
    assert empty.status_code == 400 and "This field is required" in empty.text
    response = client.post(f"/prompts/{prompt.pk}/answer/", {"persona": persona.slug, "text": "Because."})
    answer = Answer.objects.get(persona=persona)
    assert response.status_code == 302 and response["Location"] == answer.get_absolute_url()
    again = client.post(f"/prompts/{prompt.pk}/answer/", {"persona": persona.slug, "text": "Again"})
    assert again.status_code == 400 and "already answered" in again.text


def test_a_stranger_cannot_pick_someone_elses_persona(charlie, persona, prompt):
    response = client_for(charlie).post(
        f"/prompts/{prompt.pk}/answer/", {"persona": persona.slug, "text": "x"}
    )
    assert response.status_code == 400 and not Answer.objects.exists()


def test_a_private_personas_answer_and_progress_are_404_to_strangers(alice, charlie, prompt):
    hidden = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    answer = AnswerFactory(persona=hidden, prompt=prompt)
    for user in (charlie, None):
        client = client_for(user)
        assert client.get(f"/prompts/answers/{answer.pk}/").status_code == 404
        assert client.get(f"/progress/{hidden.slug}/").status_code == 404
        assert hidden.name not in client.get(f"/prompts/{prompt.pk}/").text
    assert client_for(alice).get(f"/progress/{hidden.slug}/").status_code == 200


def test_a_reviewer_scores_from_the_queue(rita, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    client = client_for(rita)
    assert persona.name in client.get("/prompts/review/").text
    bad = client.post(f"/prompts/review/{answer.pk}/", {"score_reasoning": "11", "score_clarity": "5"})
    assert bad.status_code == 400 and "less than or equal to 10" in bad.text
    done = client.post(f"/prompts/review/{answer.pk}/", {"score_reasoning": "9", "score_clarity": "5"})
    assert done.status_code == 302
    assert PersonaSkill.objects.get(persona=persona, skill__slug="reasoning").level > 1
    assert "Nothing to review" in client.get("/prompts/review/").text


def test_owners_and_non_reviewers_cannot_score_on_pages(alice, bob, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    assert client_for(alice).get(f"/prompts/review/{answer.pk}/").status_code == 403
    assert client_for(bob).get("/prompts/review/").status_code == 403
    assert client_for(bob).post(f"/prompts/review/{answer.pk}/", {"score_reasoning": "9"}).status_code == 403


def test_moderators_create_and_edit_prompts_on_pages(maude, alice):
    form = {
        "title": "Haiku",
        "text": "Write one.",
        "difficulty": "2",
        "tier_lowest": "10",
        "tier_highest": "1",
    }
    assert client_for(alice).get("/prompts/new/").status_code == 403
    no_skill = client_for(maude).post("/prompts/new/", form)
    assert no_skill.status_code == 400 and "at least one skill" in no_skill.text
    response = client_for(maude).post(
        "/prompts/new/", {**form, "weight_creativity": "2.0", "is_active": "on"}
    )
    prompt = Prompt.objects.get(title="Haiku")
    assert response.status_code == 302 and [s.slug for s in prompt.skills.all()] == ["creativity"]
    edit = client_for(maude).post(
        f"/prompts/{prompt.pk}/edit/", {**form, "title": "Haiku!", "weight_clarity": "1"}
    )
    prompt.refresh_from_db()
    assert edit.status_code == 302 and prompt.title == "Haiku!" and not prompt.is_active
    assert list(prompt.skills.values_list("slug", flat=True)) == ["clarity"]


def test_practice_lists_next_prompts_for_my_persona(alice, persona, charlie):
    PromptFactory(title="Try this", skills=["empathy"])
    page = client_for(alice).get(f"/prompts/practice/?persona={persona.slug}")
    assert page.status_code == 200 and "Try this" in page.text
    assert client_for(charlie).get(f"/prompts/practice/?persona={persona.slug}").status_code == 404


def test_the_progress_page_shows_levels_quests_chart_and_achievements(alice, persona, rita, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    client_for(rita).post(f"/prompts/review/{answer.pk}/", {"score_reasoning": "10", "score_clarity": "3"})
    page = client_for(None).get(f"/progress/{persona.slug}/")
    assert page.status_code == 200
    assert 'data-testid="skill-level-reasoning">level 4<' in page.text
    assert "<polyline" in page.text and "<progress" in page.text
    assert "Perfect ten" in page.text and "T10 Stone" in page.text
    assert Skill.objects.count() == page.text.count('data-testid="skill-level-')


def test_the_author_of_an_answer_cannot_score_it_on_pages(maude, alice, persona, prompt):
    """Answers moderators gave before answering needed a stake: they may not raise them (+XP)."""
    answer = AnswerFactory(persona=persona, prompt=prompt, author=maude)
    maude.refresh_from_db()  # the prompt factory saved her again, with a new password hash
    client = client_for(maude)

    assert "Score this answer" not in client.get(f"/prompts/answers/{answer.pk}/").text
    assert persona.name not in client.get("/prompts/review/").text
    refused = client.post(f"/prompts/review/{answer.pk}/", {"score_reasoning": "10", "score_clarity": "10"})

    assert refused.status_code == 403
    assert PersonaSkill.objects.get(persona=persona, skill__slug="reasoning").xp == 0


def test_the_practice_link_shows_only_to_those_with_a_stake(alice, maude, persona):
    link = f'?persona={persona.slug}">Practice</a>'
    assert link in client_for(alice).get(f"/progress/{persona.slug}/").text
    assert link not in client_for(maude).get(f"/progress/{persona.slug}/").text
