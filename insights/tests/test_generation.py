"""Generating needs: the analyzers end to end, the lock, failures that keep the previous analysis, and
the out-of-date flag."""

import json
import logging
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.exceptions import ConflictError
from core.llm.context import tokens_estimate
from core.testing.chat_api import completion
from core.testing.http_server import Reply
from insights.analyzers.llm import INSTRUCTIONS, REPLY_TOKENS
from insights.demo import RESEARCH_ANSWERS
from insights.models import GENERATION_STALE_AFTER, AuditEntry, NeedsAnalysis, NeedsStatus
from insights.schema import needs_document_json_schema
from insights.selectors import needs_state_for
from insights.services.generation import needs_generation_run, needs_generation_start
from insights.tasks import needs_generate
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import AnswerFactory

LLM_DOCUMENT = {
    "jobs_to_be_done": [
        {
            "situation": "I get home late",
            "motivation": "to cook fast",
            "outcome": "eat with my kids",
            "priority": 9,
            "quotes": [
                {"text": "I want to cook something healthy", "source": "answer", "source_id": None},
                {"text": "A sentence nobody wrote.", "source": "answer", "source_id": None},
            ],
        }
    ],
    "desired_outcomes": [{"statement": "Minimize cooking time", "importance": 9, "satisfaction": 2}],
    "pain_points": [{"title": "Food waste", "severity": 6}],
}


@pytest.fixture
def basil(alice):
    persona = PersonaFactory(owner=alice)
    for text in RESEARCH_ANSWERS["Chef Basil"]:
        AnswerFactory(persona=persona, text=text)
    return persona


def _generate(persona, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        needs_generation_start(persona=persona, actor=user)
    return NeedsAnalysis.objects.get(persona=persona)


@pytest.mark.django_db
def test_offline_generation_stores_needs_and_audits(basil, alice, django_capture_on_commit_callbacks):
    analysis = _generate(basil, alice, django_capture_on_commit_callbacks)
    assert (analysis.status, analysis.generator) == (NeedsStatus.READY, "offline")
    assert analysis.needs.pain_points and analysis.needs.jobs_to_be_done
    assert AuditEntry.objects.filter(persona=basil, action="generate", user=alice).count() == 1
    assert needs_state_for(persona=basil).out_of_date is False


@pytest.mark.django_db
def test_llm_generation_asks_for_the_schema_and_drops_invented_quotes(
    basil, alice, settings, llm_server, django_capture_on_commit_callbacks
):
    settings.INSIGHTS_ANALYZER = "llm"
    answer_id = basil.answers.get(text__startswith="When I get home").pk
    document = json.loads(json.dumps(LLM_DOCUMENT))
    for quote in document["jobs_to_be_done"][0]["quotes"]:
        quote["source_id"] = answer_id
    llm_server.replies = [Reply(body=completion(json.dumps(document)))]
    analysis = _generate(basil, alice, django_capture_on_commit_callbacks)
    sent = llm_server.requests[0]["json"]
    assert "jobs_to_be_done" in sent["messages"][0]["content"]  # the schema
    assert "long shift" in sent["messages"][1]["content"]  # the answers
    assert (analysis.status, analysis.generator) == (NeedsStatus.READY, "llm:local-test-model")
    quotes = analysis.needs.jobs_to_be_done[0].quotes
    assert [q.text for q in quotes] == ["I want to cook something healthy"]
    assert analysis.needs.desired_outcomes[0].odi_score == 16


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reply", ["this is not json", json.dumps({"pain_points": [{"title": "x", "severity": 99}]})]
)
def test_malformed_llm_reply_is_rejected_logged_and_previous_analysis_stays(
    basil, alice, settings, llm_server, django_capture_on_commit_callbacks, caplog, reply
):
    before = _generate(basil, alice, django_capture_on_commit_callbacks).document
    settings.INSIGHTS_ANALYZER = "llm"
    llm_server.replies = [Reply(body=completion(reply))]
    with caplog.at_level(logging.WARNING, logger="yayay.insights"):
        analysis = _generate(basil, alice, django_capture_on_commit_callbacks)
    assert analysis.status == NeedsStatus.FAILED
    assert analysis.document == before
    assert "not a valid needs document" in analysis.last_error
    assert any("needs document" in record.getMessage() for record in caplog.records)
    assert needs_state_for(persona=basil).last_error


@pytest.mark.django_db
def test_unreachable_model_keeps_previous_analysis(
    basil, alice, settings, django_capture_on_commit_callbacks
):
    before = _generate(basil, alice, django_capture_on_commit_callbacks).document
    settings.INSIGHTS_ANALYZER = "llm"
    settings.LLM_BASE_URL, settings.LLM_MODEL = "http://127.0.0.1:9/v1", "m"
    settings.LLM_TIMEOUT_SECONDS = 1
    analysis = _generate(basil, alice, django_capture_on_commit_callbacks)
    assert (analysis.status, analysis.document) == (NeedsStatus.FAILED, before)


@pytest.mark.django_db
def test_newer_answer_makes_analysis_out_of_date(basil, alice, django_capture_on_commit_callbacks):
    assert needs_state_for(persona=basil).out_of_date is True  # answers, no analysis yet
    _generate(basil, alice, django_capture_on_commit_callbacks)
    assert needs_state_for(persona=basil).out_of_date is False
    AnswerFactory(persona=basil, text="I need to save time on Sundays.")
    assert needs_state_for(persona=basil).out_of_date is True


@pytest.mark.django_db
def test_running_generation_refuses_a_second(basil, alice):
    needs_generation_start(persona=basil, actor=alice)  # its task waits for the commit, which never comes
    with pytest.raises(ConflictError):
        needs_generation_start(persona=basil, actor=alice)
    assert needs_state_for(persona=basil).status == "running"


@pytest.mark.django_db(transaction=True)
def test_simultaneous_starts_one_runs_on_a_real_worker(alice, settings, llm_server, celery_worker_on_redis):
    """Two requests at once: one starts (its generation runs on the worker, slowly), the other hears
    "already running"; when the worker is done the needs are there."""
    persona = PersonaFactory(owner=alice)
    AnswerFactory(persona=persona, text=RESEARCH_ANSWERS["Chef Basil"][0])
    settings.INSIGHTS_ANALYZER = "llm"
    llm_server.replies = [
        Reply(body=completion(json.dumps({"pain_points": [{"title": "Slow", "severity": 5}]})), delay=1)
    ]
    barrier, outcomes = threading.Barrier(2), []

    def start():
        barrier.wait()
        try:
            needs_generation_start(persona=persona, actor=alice)
            outcomes.append("started")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "started"]
    for _ in range(200):  # the page polls the same way
        analysis = NeedsAnalysis.objects.get(persona=persona)
        if analysis.status != NeedsStatus.RUNNING:
            break
        time.sleep(0.05)
    assert analysis.status == NeedsStatus.READY
    assert analysis.needs.pain_points[0].title == "Slow"
    assert len(llm_server.requests) == 1


@pytest.mark.django_db
def test_a_lost_generation_stops_blocking_after_a_while(basil, alice):
    lost = needs_generation_start(persona=basil, actor=alice)
    NeedsAnalysis.objects.filter(pk=lost.pk).update(
        started_at=timezone.now() - GENERATION_STALE_AFTER - timedelta(seconds=1)
    )
    fresh = needs_generation_start(persona=basil, actor=alice)
    assert fresh.task_id != lost.task_id


@pytest.mark.django_db
def test_a_superseded_run_stores_nothing(basil, alice):
    current = needs_generation_start(persona=basil, actor=alice)
    assert needs_generation_run(persona=basil, task_id="an-older-run") is None
    analysis = NeedsAnalysis.objects.get(persona=basil)
    assert (analysis.status, analysis.task_id, analysis.document) == (
        NeedsStatus.RUNNING,
        current.task_id,
        {},
    )


@pytest.mark.django_db
def test_a_crashed_task_frees_the_lock_and_keeps_the_document(
    basil, alice, monkeypatch, django_capture_on_commit_callbacks
):
    before = _generate(basil, alice, django_capture_on_commit_callbacks).document
    started = needs_generation_start(persona=basil, actor=alice)

    def crash(**kwargs):
        raise RuntimeError("worker lost its database")

    monkeypatch.setattr("insights.services.generation.needs_sources", crash)
    with pytest.raises(RuntimeError):
        needs_generate(basil.pk, started.task_id)
    analysis = NeedsAnalysis.objects.get(persona=basil)
    assert (analysis.status, analysis.document) == (NeedsStatus.FAILED, before)
    assert "unexpectedly" in analysis.last_error
    needs_generation_start(persona=basil, actor=alice)  # not blocked


@pytest.mark.django_db
def test_llm_gets_the_newest_answers_that_fit_its_context_window(basil, alice, settings, llm_server):
    settings.INSIGHTS_ANALYZER = "llm"
    instructions = {"content": INSTRUCTIONS + json.dumps(needs_document_json_schema()) + basil.name}
    # The instructions and schema, the reply, and room for one short answer only.
    settings.LLM_CONTEXT_TOKENS = tokens_estimate(instructions) + REPLY_TOKENS + 40
    AnswerFactory(persona=basil, text="The newest answer: I need to cook on Sundays.")
    llm_server.replies = [Reply(body=completion(json.dumps({})))]
    needs_generation_run(persona=basil, task_id=needs_generation_start(persona=basil, actor=alice).task_id)
    sent = llm_server.requests[0]["json"]
    contents = [message["content"] for message in sent["messages"][1:]]
    assert "The newest answer" in contents[-1]
    assert len(contents) < basil.answers.count()
    assert sent["max_tokens"] == REPLY_TOKENS
