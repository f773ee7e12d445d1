import json

import pytest

from core.testing.chat_api import completion
from core.testing.http_server import Reply
from insights.models import NeedsAnalysis, ResearchProfile
from insights.services.generation import needs_generation_start
from insights.tests.factories import ResearchProfileFactory
from insights.throttling import MessagingThrottle
from persona.models import Visibility
from persona.tests.factories import PersonaFactory
from prompts.tests.factories import AnswerFactory

pytestmark = pytest.mark.django_db


def page(persona, tail):
    return f"/personas/{persona.slug}/{tail}/"


def test_persona_page_shows_the_research_section_with_edit_link_for_editors(client, alice, bob):
    profile = ResearchProfileFactory(persona=PersonaFactory(owner=alice))
    client.force_login(alice)
    html = client.get(profile.persona.get_absolute_url()).content.decode()
    assert "Urban professionals" in html and page(profile.persona, "research-profile") in html
    client.force_login(bob)
    html = client.get(profile.persona.get_absolute_url()).content.decode()
    assert "Urban professionals" in html and page(profile.persona, "research-profile") not in html


def test_owner_saves_profile_from_the_form(client, alice):
    persona = PersonaFactory(owner=alice)
    client.force_login(alice)
    form = {
        "age": "52",
        "occupation": "Farmer",
        "values": "land, family",
        "openness": "0.4",
        "context": '{"a": 1}',
    }
    response = client.post(page(persona, "research-profile"), form)
    assert response.status_code == 302
    profile = ResearchProfile.objects.get(persona=persona)
    assert (profile.age, profile.values, profile.openness, profile.context) == (
        52,
        ["land", "family"],
        0.4,
        {"a": 1},
    )


def test_bad_profile_form_names_the_fields_and_saves_nothing(client, alice):
    persona = PersonaFactory(owner=alice)
    client.force_login(alice)
    response = client.post(
        page(persona, "research-profile"),
        {"age": "130", "neuroticism": "3", "values": "a, A", "context": "[1"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"age", "neuroticism", "values", "context"} <= set(errors)
    assert not ResearchProfile.objects.filter(persona=persona).exists()


def test_profile_page_is_404_for_strangers_and_403_for_readers(client, alice, bob, charlie):
    private = PersonaFactory(owner=alice, visibility=Visibility.PRIVATE)
    public = PersonaFactory(owner=alice)
    client.force_login(charlie)
    assert client.get(page(private, "research-profile")).status_code == 404
    assert client.get(page(private, "needs")).status_code == 404
    assert client.get(page(private, "messaging")).status_code == 404
    assert client.get(page(public, "research-profile")).status_code == 403
    assert client.post(page(public, "needs/generate")).status_code == 403


def test_needs_page_generates_and_shows_needs_with_scores(client, alice, django_capture_on_commit_callbacks):
    persona = PersonaFactory(owner=alice)
    AnswerFactory(persona=persona, text="Booking takes too long every week. I hate waiting on hold.")
    client.force_login(alice)
    assert "The persona has answers to analyze." in client.get(page(persona, "needs")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(persona, "needs/generate"))
    assert response.status_code == 302
    html = client.get(page(persona, "needs")).content.decode()
    assert "Losing time" in html and "“Booking takes too long every week.”" in html
    assert "ODI score" in html and 'http-equiv="refresh"' not in html


def test_needs_page_refreshes_while_generating_and_a_second_request_is_told(client, alice):
    persona = PersonaFactory(owner=alice)
    needs_generation_start(persona=persona, actor=alice)
    client.force_login(alice)
    response = client.post(page(persona, "needs/generate"), follow=True)
    html = response.content.decode()
    assert "being generated already" in html
    assert 'http-equiv="refresh"' in html


def test_out_of_date_notice_after_a_newer_answer(client, alice, django_capture_on_commit_callbacks):
    persona = PersonaFactory(owner=alice)
    AnswerFactory(persona=persona, text="I need to save money.")
    with django_capture_on_commit_callbacks(execute=True):
        needs_generation_start(persona=persona, actor=alice)
    client.force_login(alice)
    assert 'data-testid="out-of-date"' not in client.get(page(persona, "needs")).content.decode()
    AnswerFactory(persona=persona, text="Another answer.")
    assert "out of date" in client.get(page(persona, "needs")).content.decode()


def test_needs_edited_by_hand_with_errors_naming_the_place(client, alice):
    persona = PersonaFactory(owner=alice)
    client.force_login(alice)
    bad = {"pain_points": [{"title": "Slow", "severity": 12}]}
    response = client.post(page(persona, "needs/edit"), {"document": json.dumps(bad)})
    assert "pain_points[0].severity" in response.content.decode()
    assert not NeedsAnalysis.objects.filter(persona=persona).exists()
    good = {"pain_points": [{"title": "Slow", "severity": 9}]}
    assert client.post(page(persona, "needs/edit"), {"document": json.dumps(good)}).status_code == 302
    assert NeedsAnalysis.objects.get(persona=persona).needs.pain_points[0].severity == 9
    assert client.post(page(persona, "needs/edit"), {"document": "{not json"}).status_code == 200


def test_messaging_page_without_a_model_says_how_to_configure(client, alice):
    client.force_login(alice)
    html = client.get(page(PersonaFactory(owner=alice), "messaging")).content.decode()
    assert "LLM_BASE_URL" in html


def test_messaging_page_shows_three_variants_then_the_limit(client, alice, llm_server, monkeypatch):
    monkeypatch.setattr(MessagingThrottle, "THROTTLE_RATES", {"insights_messaging": "1/hour"})
    variants = [{"headline": f"Headline {n}", "body": "Body", "call_to_action": "Try it"} for n in range(3)]
    llm_server.replies = [Reply(body=completion(json.dumps({"variants": variants})))]
    persona = PersonaFactory(owner=alice)
    client.force_login(alice)
    form = {"tone": "friendly", "message_type": "email"}
    response = client.post(page(persona, "messaging"), form)
    assert [v.headline for v in response.context["variants"]] == ["Headline 0", "Headline 1", "Headline 2"]
    response = client.post(page(persona, "messaging"), form)
    assert response.status_code == 429
    assert "Try again" in response.content.decode()
    assert len(llm_server.requests) == 1


def test_profile_page_shows_its_history(client, alice):
    persona = PersonaFactory(owner=alice)
    client.force_login(alice)
    client.post(page(persona, "research-profile"), {"age": "30"})
    client.post(page(persona, "research-profile"), {"age": "31", "occupation": "Chemist"})
    versions = client.get(page(persona, "research-profile")).context["versions"]
    assert [(v.who, v.reason, v.changed) for v in versions] == [
        ("alice", "Edited", ["age", "occupation"]),
        ("alice", "Created", []),
    ]


def test_profile_form_left_without_context_saves_an_empty_object(client, alice):
    """A form posted without the context field was a database error (null in a NOT NULL column)."""
    persona = PersonaFactory(owner=alice)
    client.force_login(alice)
    assert client.post(page(persona, "research-profile"), {"age": "30"}).status_code == 302
    assert ResearchProfile.objects.get(persona=persona).context == {}
