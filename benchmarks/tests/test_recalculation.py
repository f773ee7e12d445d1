"""The recalculation benchmark's builder stores rows the models accept and the live rating finds
eligible, and its runner, at 200 personas, places them in bands and ends with the promised JSON."""

import json

import pytest
from django.conf import settings
from django.db import transaction

from benchmarks.recalculating import build, report, rows, runner
from benchmarks.scaling import check
from core.testing.databases import needs_postgresql
from leveling.models import PersonaAchievement, PersonaSkill, TutorialProgress
from leveling.xp import level_for_xp
from metrics.models import InteractionTally, Standing
from metrics.services import standings_refresh
from metrics.services.recalculation_sql import STEP_NAMES
from metrics.tiers import Tier
from persona.models import Persona
from prompts.models import Answer, SkillScore
from prompts.scoring import xp_for_score

pytestmark = needs_postgresql  # the builds are bulk PostgreSQL SQL

PERSONAS = 200
GENERATED = [
    Persona,
    TutorialProgress,
    PersonaSkill,
    Answer,
    SkillScore,
    PersonaAchievement,
    InteractionTally,
]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One build for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build.fill(count=PERSONAS, out=lambda line: None)
        transaction.set_rollback(True)


@pytest.mark.parametrize("model", GENERATED, ids=lambda model: model.__name__)
def test_generated_rows_pass_their_models_validation(db, built, model):
    for row in model._base_manager.order_by("pk")[:20]:
        row.full_clean()


def test_generated_levels_and_xp_are_what_the_services_compute(db, built):
    assert all(level_for_xp(xp) == level for xp, level in PersonaSkill.objects.values_list("xp", "level"))
    scores = SkillScore.objects.select_related("answer__prompt")
    for score in scores.order_by("pk")[:200]:
        weight = score.answer.prompt.prompt_skills.get(skill=score.skill_id).weight
        assert score.xp_awarded == xp_for_score(
            score=score.score, weight=weight, difficulty=score.answer.prompt.difficulty
        )


def test_generated_names_have_the_keys_core_names_computes(db, built):
    assert check.keys_check(first=built["first_persona"], last=built["last_persona"]) >= PERSONAS


def _eligible_everywhere(persona_id: int) -> bool:
    return all(
        standing.eligible for standing in standings_refresh(persona=Persona.objects.get(pk=persona_id))
    )


def test_the_live_rating_finds_generated_personas_eligible_but_the_few_reviewed_and_stale(db, built):
    first = built["first_persona"]
    few_reviewers = next(pk for pk in range(first, first + 10) if pk % 10 == rows.FEW_REVIEWERS_RESIDUE)
    stale = next(pk for pk in range(first, first + 20) if pk % 20 == rows.STALE_RESIDUE)
    usual = next(pk for pk in range(first, first + 10) if pk % 20 not in (few_reviewers % 20, stale % 20))

    assert _eligible_everywhere(usual)
    assert not any(_eligible_everywhere(pk) for pk in (few_reviewers, stale))


def test_the_runner_places_personas_in_bands_and_ends_with_the_promised_json(db, built):
    results = runner.run(
        built,
        runs=2,
        workers=1,  # the module's build is not committed: other connections would not see it
        naive_sample=10,
        naive_budget_seconds=1,
        request_runs=2,
        explain=True,
        out=lambda _: None,
    )
    summary = json.loads(json.dumps(report.summary(results)))

    assert {"personas", "seconds", "naive_ratio", "sql_ratio", "score_ms", "board_ms"} <= set(summary)
    assert summary["personas"] == PERSONAS and summary["naive_sample"] == 10
    assert summary["score_queries"] > 0 and len(summary["boards"]) == 4
    gold = Standing.objects.filter(tier=Tier.GOLD, eligible=True).count()
    assert summary["board_entries"] == min(gold, 100) > 0
    assert summary["placed"][Tier.GOLD.label] > 0 and summary["placed"][Tier.WATCHERS.label] > 0
    assert [step for step, _ in results.plans] == STEP_NAMES
    by_work_mem = summary["rate_by_work_mem"]
    assert by_work_mem["setting"]["work_mem"] == settings.METRICS_RECALCULATION_WORK_MEM
    assert by_work_mem["server"]["ms"] > 0 and by_work_mem["setting"]["temp_written_blocks"] >= 0
    assert "recalculation, 4 attributes" in report.table(results)
