import pytest
import redis
from django.core.cache import cache

from config.settings.base import REST_FRAMEWORK as BASE_API_SETTINGS
from conftest import api_client_for
from insights.api.details import DetailsThrottle
from insights.details import details_cache_key
from insights.models import AuditEntry
from insights.services.needs import needs_analysis_edit
from insights.services.profiles import research_profile_save
from insights.tests.research_fixtures import researched_persona
from persona.models import ShareRole, Visibility
from persona.services import persona_archive, persona_share, persona_update

CONTRACT = {
    "id",
    "full_name",
    "persona_title",
    "headline",
    "age",
    "gender",
    "location",
    "education_level",
    "income_bracket",
    "occupation",
    "big_five",
    "hofstede",
    "values",
    "interests",
    "background_story",
    "needs_and_pains",
    "segment_id",
    "segment_name",
    "rag_context_details",
    "audit_log",
    "created_at",
    "updated_at",
    "is_active",
}
pytestmark = pytest.mark.django_db


def _url(persona):
    return f"/api/v1/personas/{persona.pk}/details/"


def test_owner_reads_the_whole_contract(alice):
    persona = researched_persona(owner=alice)
    response = api_client_for(alice).get(_url(persona))
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CONTRACT
    assert body["full_name"] == "Maria Lopez" and body["persona_title"] == "Product manager"
    assert body["age"] == 34 and body["education_level"] == "master" and body["is_active"] is True
    assert body["big_five"]["openness"] == 0.8 and set(body["hofstede"]) >= {"power_distance", "indulgence"}
    assert body["values"] == ["sustainability", "family"] and body["segment_name"] == "Urban professionals"
    assert body["rag_context_details"] == {"source": "survey 2026", "respondents": 120}
    needs = body["needs_and_pains"]
    assert [job["priority"] for job in needs["jobs_to_be_done"]] == [9, 4]
    assert [pain["severity"] for pain in needs["pain_points"]] == [8, 3]
    outcome = needs["desired_outcomes"][0]
    assert (outcome["opportunity_score"], outcome["odi_score"], outcome["odi_band"]) == (54, 15, "high")
    assert body["audit_log"][0]["action"] == "view" and body["audit_log"][0]["user"] == "alice"


def test_a_persona_without_research_rows_still_answers(alice):
    persona = researched_persona(owner=alice, needs=False)
    persona.research_profile.delete()
    body = api_client_for(alice).get(_url(persona)).json()
    assert body["needs_and_pains"] is None and body["needs_status"]["status"] == "empty"
    assert body["age"] is None and body["values"] == [] and body["big_five"] is None


@pytest.mark.parametrize("who", ["charlie", None])
def test_private_persona_is_404_for_strangers_and_anonymous(alice, charlie, who):
    persona = researched_persona(owner=alice)
    response = api_client_for(charlie if who else None).get(_url(persona))
    assert response.status_code == 404 and response.json()["detail"]


def test_a_deleted_persona_is_404(alice):
    from persona.services import persona_delete

    persona = researched_persona(owner=alice)
    persona_delete(persona=persona, actor=alice)
    assert api_client_for(alice).get(_url(persona)).status_code == 404


def test_others_see_a_public_persona_but_not_its_audit_log(alice, charlie, maude):
    persona = researched_persona(owner=alice, visibility=Visibility.PUBLIC)
    api_client_for(alice).get(_url(persona))
    assert api_client_for(charlie).get(_url(persona)).json()["audit_log"] == []
    assert api_client_for(maude).get(_url(persona)).json()["audit_log"][0]["user"] == "maude"


def test_views_are_audited_on_a_cache_hit_too(alice):
    persona = researched_persona(owner=alice)
    client = api_client_for(alice)
    client.get(_url(persona))
    assert cache.get(details_cache_key(persona)) is not None
    client.get(_url(persona))
    views = AuditEntry.objects.filter(persona=persona, action="view").order_by("id")
    assert [entry.details["cached"] for entry in views] == [False, True]
    assert views.last().user == alice


def test_edits_are_read_at_once_despite_the_cache(alice):
    persona = researched_persona(owner=alice)
    client = api_client_for(alice)
    assert client.get(_url(persona)).json()["age"] == 34
    research_profile_save(persona=persona, actor=alice, age=52)
    assert client.get(_url(persona)).json()["age"] == 52
    persona_update(persona=persona, actor=alice, description="A night-shift nurse.\nMore.")
    assert client.get(_url(persona)).json()["headline"] == "A night-shift nurse."
    document = {"pain_points": [{"title": "Rotas change weekly", "severity": 6}]}
    needs_analysis_edit(persona=persona, actor=alice, document=document)
    needs = client.get(_url(persona)).json()["needs_and_pains"]
    assert [pain["title"] for pain in needs["pain_points"]] == ["Rotas change weekly"]
    assert needs["generator"] == "manual"


def test_archiving_is_read_at_once_despite_the_cache(alice):
    persona = researched_persona(owner=alice)
    client = api_client_for(alice)
    assert client.get(_url(persona)).json()["is_active"] is True
    persona_archive(persona=persona, actor=alice)
    assert client.get(_url(persona)).json()["is_active"] is False


def test_the_cache_is_the_shared_one_and_expires_within_the_hour(alice, settings):
    persona = researched_persona(owner=alice)
    api_client_for(alice).get(_url(persona))
    assert settings.INSIGHTS_DETAILS_CACHE_SECONDS == 3600
    if settings.REDIS_URL:  # CI and helpers run on Redis: the entry is really there, with its expiry
        server = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
        assert 0 < server.ttl(cache.make_and_validate_key(details_cache_key(persona))) <= 3600


def test_more_than_30_a_minute_is_429(alice, monkeypatch):
    rate = BASE_API_SETTINGS["DEFAULT_THROTTLE_RATES"]["insights_details"]
    assert rate == "30/minute"
    monkeypatch.setattr(DetailsThrottle, "THROTTLE_RATES", {"insights_details": rate})
    persona = researched_persona(owner=alice)
    client = api_client_for(alice)
    assert all(client.get(_url(persona)).status_code == 200 for _ in range(30))
    response = client.get(_url(persona))
    assert response.status_code == 429 and response.json()["detail"]


def test_a_read_takes_a_bounded_number_of_queries(alice, django_assert_max_num_queries):
    persona = researched_persona(owner=alice)
    for _ in range(25):  # a long timeline costs no more queries (its users are joined)
        api_client_for(alice).get(_url(persona))
    # The user's permissions (2), the persona with its research rows, the audit insert (3 with its
    # savepoint), the timeline, the needs state (analysis, newest answer, newest chat reply).
    with django_assert_max_num_queries(10):
        api_client_for(alice).get(_url(persona))


def test_shared_with_user_reads_details_without_the_audit_log(alice, bob, maude):
    persona = researched_persona(owner=alice)
    persona_share(persona=persona, actor=alice, username="bob", role=ShareRole.USE)
    body = api_client_for(bob).get(_url(persona)).json()
    assert body["full_name"] == "Maria Lopez" and body["audit_log"] == []
    private = api_client_for(maude).get(_url(persona)).json()  # moderators read every timeline
    assert {entry["user"] for entry in private["audit_log"]} == {"bob", "maude"}


def test_quotes_from_the_owners_chats_are_for_the_owner_alone(alice, charlie):
    persona = researched_persona(owner=alice, visibility=Visibility.PUBLIC)
    document = {
        "pain_points": [
            {
                "title": "Night shifts",
                "severity": 8,
                "quotes": [
                    {"text": "From an answer"},
                    {"text": "From a chat", "source": "chat", "source_id": 1},
                ],
            }
        ]
    }
    needs_analysis_edit(persona=persona, actor=alice, document=document)

    def quotes(user):
        pains = api_client_for(user).get(_url(persona)).json()["needs_and_pains"]["pain_points"]
        return [quote["text"] for quote in pains[0]["quotes"]]

    assert quotes(alice) == ["From an answer", "From a chat"]
    assert quotes(charlie) == ["From an answer"]
    exported = api_client_for(charlie).post(
        f"/api/v1/personas/{persona.pk}/actions/export/", {"format": "json"}, format="json"
    )
    assert "From a chat" not in exported.content.decode() and "From an answer" in exported.content.decode()
