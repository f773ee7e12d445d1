"""The scale benchmark's builder stores what the services store (so it cannot drift silently when models
or services change), and its runner reports what the issue promises."""

import pytest
from django.db import connection, transaction
from django.db.models import Max, Min
from django.test import Client
from rest_framework.pagination import CursorPagination

from benchmarks.scaling import build, cases, check, database, load, measure, report, vocabulary
from core.testing.databases import needs_postgresql
from leveling.models import PersonaSkill
from persona.api.views import PersonaViewSet
from persona.models import Persona, PersonaShare
from persona.services import persona_create

pytestmark = needs_postgresql  # the builds are bulk PostgreSQL SQL

PERSONAS = 200


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One build for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build.fill(count=PERSONAS, out=lambda line: None)
        transaction.set_rollback(True)


def _generated_plain(built) -> Persona:
    return (
        Persona.objects.exclude(pk__in=PersonaShare.objects.values("persona"))
        .filter(forked_from__isnull=True, forks__isnull=True, answers__isnull=True)
        .exclude(pk=built["owner_persona"])
        .order_by("pk")
        .first()
    )


def test_a_generated_persona_has_the_rows_persona_create_stores(db, built):
    generated = _generated_plain(built)
    made = persona_create(
        owner=generated.owner, name="Made by the service", description="To compare.", visibility="public"
    )
    assert check.fingerprint(made.pk) == check.fingerprint(generated.pk)
    assert PersonaSkill.objects.filter(persona=generated).count() == 12


def test_the_check_notices_a_row_the_services_would_have_stored(db, built):
    generated = _generated_plain(built)
    PersonaSkill.objects.filter(persona=generated).first().delete()
    with pytest.raises(check.BuildMismatch, match=r"leveling\.PersonaSkill"):
        check.service_persona_compare(generated_id=generated.pk, owner=generated.owner)


def test_generated_names_have_the_keys_core_names_computes(db, built):
    first, last = Persona.objects.aggregate(Min("pk"), Max("pk")).values()
    assert check.keys_check(first=first, last=last) >= PERSONAS
    with connection.cursor() as cursor:
        cursor.execute("UPDATE persona_persona SET name_key = name WHERE name ~ '[Mm]'")
    with pytest.raises(check.BuildMismatch, match="keys"):
        check.keys_check(first=first, last=last)


def test_the_build_holds_the_promised_population(db, built):
    me = Persona.objects.filter(owner__username=built["user"])
    assert Persona.objects.count() == Persona.objects.public().filter(status="active").count() == PERSONAS
    assert me.count() == 100
    assert PersonaShare.objects.filter(user__username=built["user"]).count() == build.SHARED_WITH_BENCH_USER
    assert Persona.objects.filter(forked_from__isnull=False).count() == 3
    assert check.count_matching(vocabulary.RARE_WORD) == vocabulary.RARE_ROWS
    assert Persona.objects.get(pk=built["public_persona"]).answers.get().scores.exists()
    assert Persona.objects.get(pk=built["owner_persona"]).forks.exists()


def test_the_runner_ends_with_the_promised_json(db, built):
    results = measure.measure_all(built, runs=1, budget_seconds=1, with_plans=False)
    summary = report.summary(PERSONAS, results, load.wrk_parse(WRK_OUTPUT))

    assert set(summary) == {"personas", "requests", "score_ms", "score_queries", "load"}
    assert len(summary["requests"]) == len(results) == 24
    assert all(set(figures) == {"median_ms", "p95_ms", "queries"} for figures in summary["requests"].values())
    assert summary["requests"]["API list, first page, anonymous"]["queries"] > 0
    assert summary["score_queries"] == summary["requests"]["record one skill score, service"]["queries"] > 0
    assert summary["load"] == {"rps": 312.5, "p99_ms": 1250.0, "requests": 6251, "errors": 3}


WRK_OUTPUT = """Running 20s test @ http://127.0.0.1:8123/api/v1/personas/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    25.61ms   10.20ms 300.00ms   90.00%
  Latency Distribution
     50%   24.00ms
     75%   28.00ms
     90%   33.00ms
     99%    1.25s
  6251 requests in 20.00s, 10.00MB read
  Socket errors: connect 0, read 0, write 0, timeout 1
  Non-2xx or 3xx responses: 2
Requests/sec:    312.50
Transfer/sec:      0.50MB
"""


def test_deep_pages_are_found_by_following_cursor_links(db, built, monkeypatch):
    class Cursors(CursorPagination):
        ordering = ("-created_at", "-id")

    monkeypatch.setattr(PersonaViewSet, "pagination_class", Cursors)
    client = Client()
    oldest = Persona.objects.order_by("created_at").values_list("pk", flat=True).first()

    deep, last = cases.api_deep_pages(client, cases.API_LIST)

    assert "cursor=" in deep and last == f"{cases.API_LIST}?cursor={cases.LAST_CURSOR}"
    for url in (deep, last):  # 200 personas make 10 pages: page 50 is the last one
        assert oldest in [persona["id"] for persona in client.get(url).json()["results"]]


def test_a_database_is_reused_only_for_the_same_build(db):
    subjects = {"user": "bench-me"}
    database.build_record(personas=PERSONAS, subjects=subjects)

    assert database.build_reusable(personas=PERSONAS) == subjects
    assert database.build_reusable(personas=PERSONAS + 1) is None
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {database.BUILD_TABLE} SET migrations = 'older'")
    assert database.build_recorded(personas=PERSONAS) == {"subjects": subjects, "current": False}
    assert database.build_reusable(personas=PERSONAS) is None
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {database.BUILD_TABLE} SET builder_version = builder_version - 1")
    assert database.build_recorded(personas=PERSONAS) is None
