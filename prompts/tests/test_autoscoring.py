import json
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.testing.http_server import RecordingServer
from leveling.models import PersonaSkill
from persona.models import Visibility
from persona.tests.factories import PersonaFactory
from prompts.models import SkillScore
from prompts.scorers import ScorerRefused, ScorerUnavailable, auto_scorer
from prompts.services import answer_auto_score, answer_create
from prompts.tasks import answer_auto_score as answer_auto_score_task
from prompts.tests.factories import AnswerFactory

pytestmark = pytest.mark.django_db


def completion(content) -> dict:
    text = content if isinstance(content, str) else json.dumps(content)
    return {"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"message": {"content": text}}]}


@pytest.fixture
def chat_api(settings):
    with RecordingServer() as server:
        settings.PROMPTS_AUTO_SCORER = "openai_chat"
        settings.PROMPTS_SCORER_BASE_URL = f"{server.url}/v1"
        settings.PROMPTS_SCORER_API_KEY = "sk-test-key"
        settings.PROMPTS_SCORER_MODEL = "grader-mini"
        settings.PROMPTS_SCORER_TIMEOUT = 5
        server.body = completion({"scores": {"reasoning": 8, "clarity": 6}})
        yield server


def test_a_new_answer_is_graded_by_the_chat_api_and_earns_xp(
    chat_api, persona, prompt, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_create(persona=persona, prompt=prompt, actor=alice, text="Recursion calls itself.")

    sent = chat_api.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer sk-test-key"
    assert sent["json"]["model"] == "grader-mini"
    user_message = sent["json"]["messages"][-1]["content"]
    assert "Recursion calls itself." in user_message
    assert "reasoning" in user_message and "clarity" in user_message
    grades = {s.skill.slug: (s.score, s.scorer.username) for s in SkillScore.objects.filter(answer=answer)}
    assert grades == {"reasoning": (8, "yayay-grader"), "clarity": (6, "yayay-grader")}
    reasoning = PersonaSkill.objects.get(persona=persona, skill__slug="reasoning")
    assert reasoning.xp > 0 and reasoning.level > 1


def test_private_personas_answers_never_leave_yayay(
    chat_api, alice, prompt, django_capture_on_commit_callbacks
):
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)

    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_create(persona=private, prompt=prompt, actor=alice, text="Secret thoughts.")

    assert chat_api.requests == []
    assert not answer.scores.exists()


def test_grading_twice_records_the_grades_once(chat_api, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)

    first = answer_auto_score(answer=answer)
    second = answer_auto_score(answer=answer)

    assert (len(first), second, len(chat_api.requests)) == (2, [], 1)


def test_an_unavailable_service_is_retried_later_and_the_answer_is_kept(chat_api, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt, text="Keep me.")
    chat_api.status, chat_api.body = 503, {"error": "overloaded"}

    with pytest.raises(ScorerUnavailable):
        answer_auto_score(answer=answer)

    answer.refresh_from_db()
    assert (answer.text, answer.scores.count()) == ("Keep me.", 0)
    assert answer_auto_score_task.autoretry_for == (ScorerUnavailable,)


@pytest.mark.parametrize(
    "reply",
    [
        "I think it deserves an eight.",
        {"scores": {"reasoning": 11, "clarity": 6}},
        {"scores": {"reasoning": 7}},
        {"scores": {"reasoning": "8", "clarity": 6}},
        {"grades": {"reasoning": 8, "clarity": 6}},
        "[" * 5000 + "]" * 5000,
        '{"scores": {"reasoning": NaN, "clarity": 6}}',
    ],
)
def test_unusable_grades_are_refused_and_record_nothing(chat_api, persona, prompt, reply, caplog):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    chat_api.body = completion(reply)

    with pytest.raises(ScorerRefused):
        answer_auto_score(answer=answer)
    with caplog.at_level(logging.WARNING, logger="prompts.tasks"):
        assert answer_auto_score_task.apply(args=[answer.pk]).get() == 0

    assert not answer.scores.exists()
    assert "refused" in caplog.text


def test_a_fenced_json_reply_is_accepted(chat_api, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    chat_api.body = completion('```json\n{"scores": {"reasoning": 3, "clarity": 4}}\n```')

    assert sorted(s.score for s in answer_auto_score(answer=answer)) == [3, 4]


def test_a_client_error_from_the_service_is_not_retried(chat_api, persona, prompt):
    answer = AnswerFactory(persona=persona, prompt=prompt)
    chat_api.status, chat_api.body = 401, {"error": "bad key"}

    with pytest.raises(ScorerRefused):
        answer_auto_score(answer=answer)


def test_unreachable_service_is_unavailable(settings, persona, prompt):
    settings.PROMPTS_AUTO_SCORER = "openai_chat"
    settings.PROMPTS_SCORER_BASE_URL = "http://127.0.0.1:9/v1"
    settings.PROMPTS_SCORER_MODEL = "grader-mini"
    answer = AnswerFactory(persona=persona, prompt=prompt)

    with pytest.raises(ScorerUnavailable):
        answer_auto_score(answer=answer)


def test_without_scorer_settings_the_grader_uses_the_language_model(llm_server, settings, persona, prompt):
    settings.PROMPTS_AUTO_SCORER = "openai_chat"
    llm_server.body = completion({"scores": {"reasoning": 5, "clarity": 4}})

    scores = answer_auto_score(answer=AnswerFactory(persona=persona, prompt=prompt))

    sent = llm_server.requests[0]
    assert sent["json"]["model"] == "local-test-model"
    assert sent["headers"]["Authorization"] == "Bearer sk-local-test"
    assert sorted(score.score for score in scores) == [4, 5]


def test_misconfiguration_fails_loudly(settings):
    settings.PROMPTS_AUTO_SCORER = "magic"
    with pytest.raises(ImproperlyConfigured):
        auto_scorer()

    settings.PROMPTS_AUTO_SCORER, settings.PROMPTS_SCORER_BASE_URL = "openai_chat", ""
    with pytest.raises(ImproperlyConfigured):
        auto_scorer()


def test_scoring_is_off_by_default(persona, prompt, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = answer_create(persona=persona, prompt=prompt, actor=alice, text="Plain answer.")

    assert callbacks == []
    assert answer_auto_score(answer=answer) == []
