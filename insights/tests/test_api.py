import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.settings import base as base_settings
from conftest import api_client_for
from core.testing.chat_api import completion
from core.testing.http_server import Reply
from insights.models import AuditEntry, NeedsAnalysis, NeedsStatus
from insights.services.audit import audit_record
from insights.services.generation import needs_generation_start
from insights.tests.factories import ResearchProfileFactory
from insights.throttling import MessagingThrottle
from persona.models import ShareRole, Visibility
from persona.services import persona_share
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import AnswerFactory

pytestmark = pytest.mark.django_db


def url(persona, tail):
    return f"/api/v1/personas/{persona.pk}/{tail}/"


@pytest.fixture
def private(alice, bob):
    """Alice's private persona, shared with Bob for editing."""
    persona = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    persona_share(persona=persona, actor=alice, username=bob.username, role=ShareRole.EDIT)
    return persona


def test_profile_reads_with_big_five_and_hofstede_objects(alice):
    profile = ResearchProfileFactory(persona=PersonaFactory(owner=alice))
    body = api_client_for(None).get(url(profile.persona, "research-profile")).json()
    assert body["exists"] is True
    assert body["big_five"]["openness"] == 0.8
    assert body["hofstede"]["indulgence"] == 0.5
    assert (body["education_level"], body["values"]) == ("master", ["sustainability", "family"])


def test_profile_without_one_reads_empty(alice):
    body = api_client_for(alice).get(url(PersonaFactory(owner=alice), "research-profile")).json()
    assert (body["exists"], body["age"], body["values"]) == (False, None, [])


def test_editor_patches_and_owner_puts_profile(private, alice, bob):
    response = api_client_for(bob).patch(
        url(private, "research-profile"), {"age": 44, "big_five": {"openness": 0.2}}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["age"], response.json()["big_five"]["openness"]) == (44, 0.2)
    response = api_client_for(alice).put(
        url(private, "research-profile"), {"occupation": "Baker"}, format="json"
    )
    assert (response.json()["occupation"], response.json()["age"]) == ("Baker", None)
    assert private.research_profile.history.count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"age": 130}, "age"),
        ({"big_five": {"neuroticism": 2}}, "big_five"),
        ({"hofstede": {"masculinity": -1}}, "hofstede"),
        ({"income_bracket": "rich"}, "income_bracket"),
        ({"values": ["x", "X"]}, "values"),
        ({"context": "not an object"}, "context"),
    ],
)
def test_bad_profile_is_a_400_naming_the_field(alice, body, field):
    persona = PersonaFactory(owner=alice)
    response = api_client_for(alice).patch(url(persona, "research-profile"), body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not hasattr(type(persona).objects.get(pk=persona.pk), "research_profile")


def test_private_persona_insights_are_404_for_strangers_and_anonymous(private, charlie):
    ResearchProfileFactory(persona=private)
    for client in (api_client_for(charlie), api_client_for(None)):
        for tail in ("research-profile", "needs"):
            assert client.get(url(private, tail)).status_code == 404
    assert (
        api_client_for(charlie).patch(url(private, "research-profile"), {"age": 3}, format="json").status_code
        == 404
    )
    assert api_client_for(charlie).post(url(private, "actions/generate-needs")).status_code == 404
    messaging = {"tone": "friendly", "message_type": "email"}
    assert (
        api_client_for(charlie).post(url(private, "actions/messaging"), messaging, format="json").status_code
        == 404
    )
    assert (
        api_client_for(charlie).put(url(private, "needs"), {"document": {}}, format="json").status_code == 404
    )


def test_reader_who_may_not_edit_gets_403_on_writes(alice, charlie):
    persona = PersonaFactory(owner=alice)  # public
    client = api_client_for(charlie)
    assert client.patch(url(persona, "research-profile"), {"age": 3}, format="json").status_code == 403
    assert client.post(url(persona, "actions/generate-needs")).status_code == 403


def test_generate_needs_answers_202_then_409_while_running(alice):
    persona = PersonaFactory(owner=alice)
    AnswerFactory(persona=persona, text="I need to save time every week.")
    client = api_client_for(alice)
    response = client.post(url(persona, "actions/generate-needs"))
    assert response.status_code == 202
    assert response.json()["status_url"] == url(persona, "needs")
    again = client.post(url(persona, "actions/generate-needs"))
    assert again.status_code == 409
    assert "already" in again.json()["detail"]
    assert client.get(url(persona, "needs")).json()["status"] == "running"


def test_generate_needs_runs_and_needs_read_back_with_scores(alice, django_capture_on_commit_callbacks):
    persona = PersonaFactory(owner=alice)
    AnswerFactory(persona=persona, text="Booking takes too long. I wish I could book in 2 minutes.")
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client_for(alice).post(url(persona, "actions/generate-needs")).status_code == 202
    body = api_client_for(alice).get(url(persona, "needs")).json()
    assert (body["status"], body["out_of_date"], body["generator"]) == ("ready", False, "offline")
    outcome = body["document"]["desired_outcomes"][0]
    assert outcome["odi_score"] == outcome["importance"] + max(
        outcome["importance"] - outcome["satisfaction"], 0
    )


def test_needs_put_by_hand_and_errors_name_the_place(alice):
    persona = PersonaFactory(owner=alice)
    client = api_client_for(alice)
    document = {
        "desired_outcomes": [{"statement": "Cook faster", "importance": 8, "satisfaction": 4, "odi_score": 1}]
    }
    response = client.put(url(persona, "needs"), {"document": document}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["document"]["desired_outcomes"][0]["odi_score"] == 12
    assert response.json()["generator"] == "manual"
    bad = {"pain_points": [{"title": "x", "severity": 0}]}
    response = client.put(url(persona, "needs"), {"document": bad}, format="json")
    assert response.status_code == 400
    assert "pain_points[0].severity" in json.dumps(response.json()["errors"]["document"])
    assert NeedsAnalysis.objects.get(persona=persona).needs.desired_outcomes[0].statement == "Cook faster"


def test_chat_quotes_are_for_the_owner_only(alice, bob):
    persona = PersonaFactory(owner=alice)
    document = {
        "pain_points": [
            {
                "title": "Slow",
                "severity": 5,
                "quotes": [
                    {"text": "from a chat", "source": "chat", "source_id": 1},
                    {"text": "from an answer", "source": "answer", "source_id": 2},
                ],
            }
        ]
    }
    api_client_for(alice).put(url(persona, "needs"), {"document": document}, format="json")
    seen_by = {
        user.username: [
            q["text"]
            for q in api_client_for(user)
            .get(url(persona, "needs"))
            .json()["document"]["pain_points"][0]["quotes"]
        ]
        for user in (alice, bob)
    }
    assert seen_by == {"alice": ["from a chat", "from an answer"], "bob": ["from an answer"]}


def test_audit_log_for_owner_and_moderator_only(private, alice, bob, charlie, maude):
    audit_record(persona=private, action="view", user=bob)
    assert [e["action"] for e in api_client_for(alice).get(url(private, "audit-log")).json()["results"]] == [
        "view"
    ]
    assert api_client_for(maude).get(url(private, "audit-log")).status_code == 200
    assert api_client_for(bob).get(url(private, "audit-log")).status_code == 404  # an editor, not the owner
    assert api_client_for(charlie).get(url(private, "audit-log")).status_code == 404
    assert api_client_for(None).get(url(private, "audit-log")).status_code in (401, 403)


def test_messaging_returns_three_variants_grounded_in_needs_and_audits(alice, llm_server):
    persona = PersonaFactory(owner=alice)
    api_client_for(alice).put(
        url(persona, "needs"),
        {"document": {"pain_points": [{"title": "Meal planning eats Sundays", "severity": 8}]}},
        format="json",
    )
    variants = [{"headline": f"H{n}", "body": f"B{n}", "call_to_action": f"C{n}"} for n in range(3)]
    llm_server.replies = [Reply(body=completion(json.dumps({"variants": variants})))]
    response = api_client_for(alice).post(
        url(persona, "actions/messaging"), {"tone": "friendly", "message_type": "email"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert [v["headline"] for v in response.json()["variants"]] == ["H0", "H1", "H2"]
    sent = llm_server.requests[0]["json"]["messages"]
    assert "Meal planning eats Sundays" in sent[1]["content"] and "friendly" in sent[0]["content"]
    assert AuditEntry.objects.get(persona=persona, action="messaging").details["tone"] == "friendly"


def test_messaging_with_malformed_reply_is_503_and_not_audited(alice, llm_server):
    persona = PersonaFactory(owner=alice)
    llm_server.replies = [Reply(body=completion('{"variants": [{"headline": "only one"}]}'))]
    response = api_client_for(alice).post(
        url(persona, "actions/messaging"), {"tone": "playful", "message_type": "ad"}, format="json"
    )
    assert response.status_code == 503
    assert "three" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action="messaging").exists()


def test_messaging_without_a_model_says_how_to_configure(alice):
    response = api_client_for(alice).post(
        url(PersonaFactory(owner=alice), "actions/messaging"),
        {"tone": "playful", "message_type": "ad"},
        format="json",
    )
    assert response.status_code == 409
    assert "LLM_BASE_URL" in response.json()["detail"]


def test_messaging_is_limited_to_10_an_hour_per_user(alice, bob, monkeypatch, llm_server):
    """The production rate (config/settings/base.py), not the test settings' generous one."""
    production_rate = base_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["insights_messaging"]
    monkeypatch.setattr(MessagingThrottle, "THROTTLE_RATES", {"insights_messaging": production_rate})
    variants = [{"headline": "H", "body": "B", "call_to_action": "C"}] * 3
    llm_server.status, llm_server.body = 200, completion(json.dumps({"variants": variants}))
    persona = PersonaFactory(owner=alice)
    body = {"tone": "urgent", "message_type": "push_notification"}
    statuses = [
        api_client_for(alice).post(url(persona, "actions/messaging"), body, format="json").status_code
        for _ in range(11)
    ]
    assert statuses == [200] * 10 + [429]
    assert api_client_for(bob).post(url(persona, "actions/messaging"), body, format="json").status_code == 200
    assert len(llm_server.requests) == 11


def test_lock_refusal_keeps_first_task(alice):
    persona = PersonaFactory(owner=alice)
    first = needs_generation_start(persona=persona, actor=alice)
    api_client_for(alice).post(url(persona, "actions/generate-needs"))
    analysis = NeedsAnalysis.objects.get(persona=persona)
    assert (analysis.status, analysis.task_id) == (NeedsStatus.RUNNING, first.task_id)


def test_needs_and_profile_reads_cost_the_same_queries_with_ten_times_more_answers(alice):
    persona = PersonaFactory(owner=alice)
    ResearchProfileFactory(persona=persona)
    client = api_client_for(alice)

    def cost(tail):
        client.get(url(persona, tail))  # warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(persona, tail)).status_code == 200
        return len(captured)

    AnswerFactory(persona=persona, text="I need to save time.")
    few = {tail: cost(tail) for tail in ("needs", "research-profile")}
    for number in range(10):
        AnswerFactory(persona=persona, text=f"I want to try idea {number}.")
    assert {tail: cost(tail) for tail in ("needs", "research-profile")} == few
    assert few["needs"] <= 4
