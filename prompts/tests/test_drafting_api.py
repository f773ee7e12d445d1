"""POST /api/v1/answers/draft/: the persona drafts, the caller submits the answer with the draft's token."""

import pytest
from django.test import Client

from conftest import api_client_for
from core.testing.chat_api import completion
from core.testing.http_server import Reply
from persona.models import Visibility
from persona.tests.factories import PersonaFactory
from prompts.throttling import AnswerDraftThrottle

pytestmark = pytest.mark.django_db
DRAFT = "A function that calls itself until the base case."


def draft(user, persona, prompt):
    return api_client_for(user).post("/api/v1/answers/draft/", {"persona": persona.pk, "prompt": prompt.pk})


def test_the_owner_drafts_edits_and_submits_and_the_answer_says_so(llm_server, alice, persona, prompt):
    llm_server.body = completion(DRAFT, model="local-test-model-2025")

    drafted = draft(alice, persona, prompt)

    assert drafted.status_code == 200, drafted.json()
    body = drafted.json()
    assert (body["text"], body["model"]) == (DRAFT, "local-test-model-2025")
    edited = {"text": body["text"] + " Edited.", "draft_token": body["draft_token"]}
    submitted = api_client_for(alice).post(
        "/api/v1/answers/", {"persona": persona.pk, "prompt": prompt.pk, **edited}
    )
    assert submitted.status_code == 201, submitted.json()
    assert (submitted.json()["drafted"], submitted.json()["draft_model"]) == (True, "local-test-model-2025")
    assert persona.system_prompt in llm_server.requests[0]["json"]["messages"][0]["content"]


def test_a_typed_answer_is_not_drafted_and_a_forged_token_is_a_400(alice, persona, prompt):
    client = api_client_for(alice)
    answer = {"persona": persona.pk, "prompt": prompt.pk, "text": "Mine."}
    forged = client.post("/api/v1/answers/", {**answer, "draft_token": "gpt-9"})
    typed = client.post("/api/v1/answers/", answer)

    assert forged.status_code == 400 and "draft_token" in forged.json()["errors"]
    assert typed.status_code == 201 and (typed.json()["drafted"], typed.json()["draft_model"]) == (False, "")


def test_strangers_get_what_answering_gives_them_and_nothing_is_sent(llm_server, alice, charlie, prompt):
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    public = PersonaFactory(owner=alice, visibility=Visibility.PUBLIC)

    hidden = draft(charlie, private, prompt)
    assert hidden.status_code == 400 and "persona" in hidden.json()["errors"]
    assert draft(charlie, public, prompt).status_code == 403
    assert draft(None, public, prompt).status_code == 401
    assert llm_server.requests == []


def test_without_a_model_drafting_is_a_503_saying_how_to_configure_one(alice, persona, prompt):
    response = draft(alice, persona, prompt)

    assert response.status_code == 503
    assert "LLM_BASE_URL" in response.json()["detail"]


def test_a_model_that_is_rate_limited_or_down_is_a_429_or_503(llm_server, alice, persona, prompt):
    llm_server.replies = [Reply(status=429, headers={"Retry-After": "600"})]
    limited = draft(alice, persona, prompt)
    llm_server.replies = [Reply(status=500, headers={"Retry-After": "0"})] * 3
    down = draft(alice, persona, prompt)

    assert limited.status_code == 429 and "600 seconds" in limited.json()["detail"]
    assert down.status_code == 503 and "server failed" in down.json()["detail"]


def test_pages_and_api_share_one_drafting_budget(llm_server, monkeypatch, alice, persona, prompt):
    monkeypatch.setattr(AnswerDraftThrottle, "THROTTLE_RATES", {"answer_draft": "2/hour"})
    llm_server.body = completion(DRAFT)
    browser = Client()
    browser.force_login(alice)

    assert browser.post(f"/prompts/{prompt.pk}/draft/", {"persona": persona.slug}).status_code == 200
    assert draft(alice, persona, prompt).status_code == 200
    refused = draft(alice, persona, prompt)
    assert refused.status_code == 429 and "Retry-After" in refused.headers
