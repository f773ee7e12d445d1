"""What the daily recalculation rates from: the facts the live rating stored in each standing, except
for today's slice of personas (one in METRICS_RECONCILE_DAYS) and those marked due (a score deleted),
whose facts it recomputes from the scores, so that whatever the live rating missed is repaired within
that many days (a deletion the next day); everyone's on an attribute's first run and when asked."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from metrics.models import FactsDue, Standing
from metrics.services import standings_recalculate
from prompts.models import SkillScore

pytestmark = pytest.mark.django_db


def recalculate(attribute, day, **options):
    return standings_recalculate(attribute=attribute, day=day, **options)


def standing(persona, attribute):
    return Standing.objects.get(persona=persona, attribute=attribute)


def day_reconciling(persona, every, *, among_days):
    """The day among `among_days` whose slice holds the persona, and one whose slice does not."""
    holding = next(day for day in among_days if day.toordinal() % every == persona.pk % every)
    other = next(day for day in among_days if day.toordinal() % every != persona.pk % every)
    return holding, other


@pytest.fixture
def last_week():
    today = timezone.now().date()
    return [today - timedelta(days=days_ago) for days_ago in range(7, 0, -1)]


@pytest.fixture
def scored_pair(graduate, score, cognition):
    """Two personas scored through the service (the live rating keeps their facts), then a first run."""
    personas = [graduate(name="Ada"), graduate(name="Bea")]
    for persona in personas:
        score(persona, 8)
        score(persona, 6)
    return personas


def first_answer(persona):
    return persona.answers.order_by("pk").first()


def scores_lost_behind_the_live_rating(persona):
    """One of its two answers loses its scores where nothing in the app hears of it (raw SQL, as a bulk
    import or a database console would)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {SkillScore._meta.db_table} WHERE answer_id = %s", [first_answer(persona).pk]
        )


def day_outside_the_slices(personas, every, *, among_days):
    return next(day for day in among_days if all(day.toordinal() % every != p.pk % every for p in personas))


def test_the_first_run_of_an_attribute_rates_everyone_from_the_scores(scored_pair, cognition, last_week):
    Standing.objects.filter(persona__in=scored_pair).delete()  # as if scored before metrics existed

    summary = recalculate(cognition, last_week[0])

    assert summary.rated == summary.reconciled == 2
    assert [standing(persona, cognition).answers for persona in scored_pair] == [2, 2]


def test_a_later_run_trusts_the_live_facts_and_recomputes_only_its_slice(
    settings, scored_pair, cognition, last_week
):
    settings.METRICS_RECONCILE_DAYS = 2
    recalculate(cognition, last_week[0])
    ada, bea = scored_pair
    scores_lost_behind_the_live_rating(ada)
    ada_day, other_day = day_reconciling(ada, 2, among_days=last_week[1:])

    summary = recalculate(cognition, other_day)
    assert summary.reconciled == 1  # Bea, the other parity
    assert standing(ada, cognition).answers == 2  # what the live rating stored
    rating_before = standing(ada, cognition).rating

    summary = recalculate(cognition, ada_day)
    assert summary.reconciled == 1
    repaired = standing(ada, cognition)
    assert repaired.answers == 1
    assert repaired.rating < rating_before  # the lost answer, scored 8, no longer counts
    assert standing(bea, cognition).answers == 2


def test_every_persona_is_reconciled_within_the_days_set(settings, scored_pair, cognition, last_week):
    settings.METRICS_RECONCILE_DAYS = 3
    recalculate(cognition, last_week[0])
    for persona in scored_pair:
        scores_lost_behind_the_live_rating(persona)

    for day in last_week[1:4]:
        recalculate(cognition, day)

    assert [standing(persona, cognition).answers for persona in scored_pair] == [1, 1]


def test_reconcile_all_repairs_every_persona_at_once(settings, scored_pair, cognition, last_week):
    settings.METRICS_RECONCILE_DAYS = 1000
    recalculate(cognition, last_week[0])
    for persona in scored_pair:
        scores_lost_behind_the_live_rating(persona)

    summary = recalculate(cognition, last_week[1], reconcile_all=True)

    assert summary.reconciled == 2
    assert [standing(persona, cognition).answers for persona in scored_pair] == [1, 1]


def test_the_command_reconciles_everyone_when_asked(settings, scored_pair, cognition, last_week, capsys):
    settings.METRICS_RECONCILE_DAYS = 1000
    recalculate(cognition, last_week[0])
    for persona in scored_pair:
        scores_lost_behind_the_live_rating(persona)

    call_command("recalculate_ratings", "--attribute", "cognition", "--reconcile-all")

    assert "2 rated (2 reconciled)" in capsys.readouterr().out
    assert [standing(persona, cognition).answers for persona in scored_pair] == [1, 1]


def test_trusting_live_facts_rates_exactly_as_recomputing_them(settings, graduate, score, cognition):
    """Nothing missed: a run that trusts every stored fact and one that recomputes them all agree to
    the hundredth, so the run that reconciles a persona never moves it by rounding alone."""
    settings.METRICS_RECONCILE_DAYS = 1000
    personas = [graduate(name=f"Scored {n}") for n in range(6)]
    for place, persona in enumerate(personas):
        for value in (10 - place, 3 + place % 4, 7):
            score(persona, value, reviewers_count=1 + place % 3)
    today = timezone.now().date()
    recalculate(cognition, today - timedelta(days=1))
    trusted = recalculate(cognition, today)
    assert trusted.reconciled < len(personas)

    rerun = recalculate(cognition, today, reconcile_all=True)

    assert rerun.reconciled == len(personas)
    assert rerun.written == 0


@pytest.mark.parametrize("deleted", ["score", "answer"])
def test_a_deletion_is_reconciled_at_the_next_run_whatever_the_slice(
    settings, scored_pair, cognition, last_week, deleted
):
    settings.METRICS_RECONCILE_DAYS = 1000
    recalculate(cognition, last_week[0])
    ada, bea = scored_pair
    answer = first_answer(ada)
    (SkillScore.objects.filter(answer=answer) if deleted == "score" else answer).delete()

    summary = recalculate(cognition, day_outside_the_slices(scored_pair, 1000, among_days=last_week[1:]))

    assert summary.reconciled == 1
    assert standing(ada, cognition).answers == 1
    assert standing(bea, cognition).answers == 2


def test_marks_older_than_a_whole_rotation_expire(settings, scored_pair, cognition, last_week):
    settings.METRICS_RECONCILE_DAYS = 3
    ada, bea = scored_pair
    now = timezone.now()
    FactsDue.objects.create(persona_id=ada.pk, marked_at=now - timedelta(days=5))
    FactsDue.objects.create(persona_id=bea.pk, marked_at=now - timedelta(days=1))

    recalculate(cognition, timezone.now().date())

    assert list(FactsDue.objects.values_list("persona_id", flat=True)) == [bea.pk]
