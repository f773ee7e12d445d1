"""Let the persona answer: drafts through a local server that speaks the chat completions API, on the
answer form and the practice page."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.tests.factories import UserFactory
from core.testing.chat_api import completion
from core.testing.http_server import Reply
from persona.models import ShareRole, Status, Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory
from prompts.models import Answer
from prompts.services import answer_create, answer_draft
from prompts.tests.factories import PromptFactory
from prompts.throttling import AnswerDraftThrottle

pytestmark = pytest.mark.django_db
DRAFT = "Recursion is a function calling itself, with a base case to stop it."


@pytest.fixture
def sage(alice):
    return PersonaFactory(
        owner=alice,
        name="Sage of Alice",
        description="A patient teacher of computing.",
        system_prompt="Speak plainly, and use one example.",
        personality_traits={"curiosity": 0.8, "warmth": 0.25},
        scenario="An evening class for adults.",
        example_dialogue="{{user}}: Why?\n{{char}}: Let us find out together.",
        definitions_hidden=True,
        visibility=Visibility.PRIVATE,
    )


@pytest.fixture
def drafting(llm_server):
    llm_server.body = completion(DRAFT, model="local-test-model-2025")
    return llm_server


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def draft_on_page(user, prompt, persona, text=""):
    return client_for(user).post(f"/prompts/{prompt.pk}/draft/", {"persona": persona.slug, "text": text})


def test_the_draft_speaks_from_the_personas_definitions_and_the_prompt(drafting, alice, sage, prompt):
    draft = answer_draft(persona=sage, prompt=prompt, actor=alice)

    assert (draft.text, draft.model) == (DRAFT, "local-test-model-2025")
    system, task = drafting.requests[0]["json"]["messages"]
    assert system["role"] == "system" and task["role"] == "user"
    definitions = ("Speak plainly, and use one example.", "Sage of Alice", "A patient teacher of computing.")
    assert all(definition in system["content"] for definition in definitions)
    assert "curiosity 0.8, warmth 0.25" in system["content"]
    assert "An evening class for adults." in system["content"]  # hidden from others, not from the model
    assert "Let us find out together." in system["content"]
    assert prompt.title in task["content"] and prompt.text in task["content"]
    assert "Reasoning" in task["content"] and "Clarity" in task["content"]
    assert not Answer.objects.exists()


def test_a_submitted_draft_records_that_it_was_drafted_and_by_which_model(drafting, alice, sage, prompt):
    draft = answer_draft(persona=sage, prompt=prompt, actor=alice)

    edited = "Edited. " + draft.text
    answer = answer_create(persona=sage, prompt=prompt, actor=alice, text=edited, draft_token=draft.token)
    typed = answer_create(persona=sage, prompt=PromptFactory(), actor=alice, text="By hand.")

    answer.refresh_from_db()
    assert (answer.is_drafted, answer.draft_model) == (True, "local-test-model-2025")
    assert (typed.is_drafted, typed.draft_model) == (False, "")


def test_a_draft_token_counts_only_for_its_author_and_prompt(drafting, alice, bob, sage, prompt):
    persona_share(persona=sage, actor=alice, username="bob", role=ShareRole.EDIT)
    token = answer_draft(persona=sage, prompt=prompt, actor=alice).token

    misuses = [(bob, prompt, token), (alice, PromptFactory(), token), (alice, prompt, token + "x")]
    for actor, answered, sent in misuses:
        with pytest.raises(ValidationError, match="draft token was not given to you"):
            answer_create(persona=sage, prompt=answered, actor=actor, text="Mine.", draft_token=sent)
    assert not Answer.objects.exists()


def test_editors_may_draft_and_users_strangers_and_moderators_may_not(
    drafting, alice, bob, charlie, sage, prompt
):
    persona_share(persona=sage, actor=alice, username="bob", role=ShareRole.EDIT)
    carol = UserFactory(username="carol")
    persona_share(persona=sage, actor=alice, username=carol.username, role=ShareRole.USE)
    moderator = UserFactory(username="mona", groups=["moderators"])

    assert answer_draft(persona=sage, prompt=prompt, actor=bob).text == DRAFT
    for outsider in (carol, charlie, moderator):
        assert draft_on_page(outsider, prompt, sage).status_code == 400
    assert len(drafting.requests) == 1


def test_archived_personas_inactive_prompts_and_answered_prompts_are_not_drafted(
    drafting, alice, sage, prompt
):
    archived = PersonaFactory(owner=alice, status=Status.ARCHIVED)
    answer_create(persona=sage, prompt=prompt, actor=alice, text="Done already.")

    assert "already answered" in draft_on_page(alice, prompt, sage).text
    assert draft_on_page(alice, prompt, archived).status_code == 400
    assert draft_on_page(alice, PromptFactory(is_active=False), sage).status_code == 404
    assert drafting.requests == []


def test_the_page_fills_the_form_with_the_draft_to_edit_and_submit(drafting, alice, sage, prompt):
    page = draft_on_page(alice, prompt, sage, text="my own start")

    assert page.status_code == 200
    html = page.content.decode()
    assert DRAFT in html and "my own start" not in html
    assert "drafted this answer with local-test-model-2025" in html
    form = page.context["form"]
    submitted = client_for(alice).post(
        f"/prompts/{prompt.pk}/answer/",
        {"persona": sage.slug, "text": "Edited: " + DRAFT, "draft_token": form.initial["draft_token"]},
    )
    answer = Answer.objects.get(persona=sage, prompt=prompt)
    assert submitted.status_code == 302 and answer.draft_model == "local-test-model-2025"
    shown = client_for(alice).get(answer.get_absolute_url()).text
    assert "drafted by the persona with local-test-model-2025" in shown


@pytest.mark.parametrize(
    ("reply", "status", "message"),
    [
        (Reply(status=503, body={"error": "down"}, headers={"Retry-After": "0"}), 503, "server failed"),
        (Reply(status=429, body={}, headers={"Retry-After": "600"}), 429, "try again in 600 seconds"),
        (Reply(body=completion(DRAFT), delay=2), 503, "did not answer within 0.5 seconds"),
        (Reply(body=completion("   ")), 503, "an empty answer"),
    ],
)
def test_a_failed_draft_says_why_and_keeps_what_the_user_typed(
    llm_server, settings, alice, sage, prompt, reply, status, message
):
    settings.LLM_TIMEOUT_SECONDS = 0.5
    llm_server.replies = [reply] * 3

    page = draft_on_page(alice, prompt, sage, text="Half an answer of my own")

    assert page.status_code == status
    assert message in page.content.decode() and "Half an answer of my own" in page.content.decode()
    assert not Answer.objects.exists()


def test_drafting_is_rate_limited_per_user(drafting, monkeypatch, alice, bob, sage, prompt):
    monkeypatch.setattr(AnswerDraftThrottle, "THROTTLE_RATES", {"answer_draft": "2/hour"})
    bobs = PersonaFactory(owner=bob)

    assert [draft_on_page(alice, prompt, sage).status_code for _ in range(3)] == [200, 200, 429]
    refused = draft_on_page(alice, prompt, sage, text="Kept.")
    assert "You have asked for many drafts lately" in refused.text and "Kept." in refused.text
    assert draft_on_page(bob, prompt, bobs).status_code == 200
    assert len(drafting.requests) == 3


def test_without_a_model_the_pages_say_how_to_configure_one(alice, sage, prompt):
    detail = client_for(alice).get(f"/prompts/{prompt.pk}/").text
    practice = client_for(alice).get(f"/prompts/practice/?persona={sage.slug}").text

    for page in (detail, practice):
        assert "Let the persona answer" not in page
        assert "LLM_BASE_URL" in page and "LLM_MODEL" in page
    refused = draft_on_page(alice, prompt, sage, text="Typed.")
    assert refused.status_code == 503 and "No language model is configured" in refused.text
    assert "Typed." in refused.text


def test_the_practice_page_offers_a_draft_per_prompt(llm_server, alice, sage, prompt):
    other = PromptFactory(title="Explain closures")

    page = client_for(alice).get(f"/prompts/practice/?persona={sage.slug}").text

    for item in (prompt, other):
        assert f'action="/prompts/{item.pk}/draft/"' in page
    assert page.count("Let the persona answer") == 2


def test_a_tampered_draft_token_is_refused_on_the_page(alice, sage, prompt):
    page = client_for(alice).post(
        f"/prompts/{prompt.pk}/answer/", {"persona": sage.slug, "text": "Mine.", "draft_token": "forged"}
    )

    assert page.status_code == 400 and "draft token was not given to you" in page.text
    assert not Answer.objects.exists()
