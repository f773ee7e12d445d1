"""The daily recalculation: bands by position, eligibility, ties, only changed rows written, snapshots,
tier events, idempotence, and the same ratings as the live formula. The policy is small (conftest):
bands of 2/2/2, ladders of 2/2/1/1 from levels 2/3/4/5, two reviewers of evidence."""

from datetime import timedelta

import pytest
from django.utils import timezone

from leveling.models import PersonaSkill, TutorialProgress
from leveling.xp import xp_for_level
from metrics.models import RankedTierSize, RecalculationRun, Standing, StandingSnapshot, TierEvent
from metrics.positions import live_positions
from metrics.services import interaction_record, standings_recalculate, standings_refresh
from metrics.signals import tier_changed
from metrics.tiers import Tier
from persona.models import Visibility
from persona.services import persona_update
from prompts.models import Answer, SkillScore

pytestmark = pytest.mark.django_db


def today():
    """The day as the code under test sees it (not frozen at import: a run may cross midnight)."""
    return timezone.now().date()


@pytest.fixture(autouse=True)
def ranked_levels_out_of_casual_reach(settings):
    """A few scores lift a skill past level 2: the ladders here need levels set on purpose."""
    settings.METRICS_RANKED_LEVELS = (20, 30, 40, 50)


def recalculate(attribute, day=None, **options):
    return standings_recalculate(attribute=attribute, day=day or today(), **options)


def tiers(personas, attribute):
    placed = dict(Standing.objects.filter(attribute=attribute).values_list("persona_id", "tier"))
    return [placed.get(persona.pk) for persona in personas]


@pytest.fixture
def field_of(graduate, score):
    """`count` graduates scored 9, 8.5, 8, ... by two reviewers each: the first is the best."""

    def make(count):
        personas = []
        for place in range(count):
            persona = graduate(name=f"Runner {place}")
            score(persona, 10 - place)
            personas.append(persona)
        return personas

    return make


def test_bands_are_cut_by_position_and_the_rest_wait_unplaced(field_of, cognition):
    personas = field_of(8)

    summary = recalculate(cognition)

    assert tiers(personas, cognition) == [Tier.GOLD] * 2 + [Tier.SILVER] * 2 + [Tier.BRONZE] * 2 + [None] * 2
    assert summary.rated == 8 and summary.count("entered") == 6


def test_ties_are_broken_by_who_reached_the_rating_first_then_by_id(graduate, score, cognition):
    personas = [graduate() for _ in range(4)]
    for persona in personas:
        score(persona, 7)
    Standing.objects.filter(persona__in=personas[2:]).update(rated_at=timezone.now() - timedelta(days=2))
    Standing.objects.filter(persona__in=personas[:2]).update(rated_at=timezone.now() - timedelta(days=1))

    recalculate(cognition)

    # Equal ratings: the two that reached 7 earlier take Gold, the lower id first; Gold holds exactly 2.
    gold = Standing.objects.filter(attribute=cognition, tier=Tier.GOLD).order_by("persona_id")
    assert [standing.persona_id for standing in gold] == [personas[2].pk, personas[3].pk]
    assert tiers(personas[:2], cognition) == [Tier.SILVER, Tier.SILVER]


def test_only_eligible_personas_take_places_though_all_are_rated(graduate, score, cognition, alice):
    """Tutorial unfinished, one reviewer only, inactive for 40 days, private: rated, never placed."""
    placed = graduate()
    unfinished = graduate()
    TutorialProgress.objects.filter(persona=unfinished, attribute=cognition).update(tier=Tier.WOOD)
    thin = graduate()
    inactive = graduate()
    private = graduate(owner=alice)
    for persona in (placed, unfinished, inactive, private):
        score(persona, 6)
    persona_update(persona=private, actor=alice, visibility=Visibility.PRIVATE)
    score(thin, 9, reviewers_count=1)
    long_ago = timezone.now() - timedelta(days=40)
    Answer.objects.filter(persona=inactive).update(created_at=long_ago)
    SkillScore.objects.filter(answer__persona=inactive).update(created_at=long_ago)

    recalculate(cognition)

    everyone = [placed, unfinished, thin, inactive, private]
    assert tiers(everyone, cognition) == [Tier.GOLD, None, None, None, None]
    rated = Standing.objects.filter(attribute=cognition, persona__in=[unfinished, thin, inactive, private])
    assert all(standing.rating > 0 and not standing.eligible for standing in rated)


def set_level(persona, attribute, level):
    """Every skill of the attribute at `level`, with the XP that level takes (scores add to it)."""
    skills = PersonaSkill.objects.filter(persona=persona, skill__attribute=attribute)
    skills.update(level=level, xp=xp_for_level(level))
    standings_refresh(persona=persona)


def test_gold_personas_of_the_required_level_climb_one_ranked_tier_a_day_within_the_caps(field_of, cognition):
    personas = field_of(4)
    recalculate(cognition, today() - timedelta(days=3))
    for persona in personas:
        set_level(persona, cognition, 99)

    recalculate(cognition, today() - timedelta(days=2))
    assert tiers(personas, cognition) == [Tier.WATCHERS, Tier.WATCHERS, Tier.GOLD, Tier.GOLD]

    recalculate(cognition, today() - timedelta(days=1))
    # Both Watchers reach Elementoids (cap 2); the two Gold fill the Watchers left behind.
    assert tiers(personas, cognition) == [Tier.ELEMENTOIDS, Tier.ELEMENTOIDS, Tier.WATCHERS, Tier.WATCHERS]

    recalculate(cognition)
    # Demensionoids take one (cap 1), the best; Elementoids keep the other and take the best Watcher.
    climbed = [Tier.DEMENSIONOIDS, Tier.ELEMENTOIDS, Tier.ELEMENTOIDS, Tier.WATCHERS]
    assert tiers(personas, cognition) == climbed
    ranks = dict(Standing.objects.filter(attribute=cognition).values_list("persona_id", "rank"))
    assert [ranks[persona.pk] for persona in personas] == [1, 1, 2, 1]


def test_a_ranked_persona_below_the_level_drops_back_one_tier(field_of, cognition):
    personas = field_of(2)
    recalculate(cognition, today() - timedelta(days=2))
    for persona in personas:
        set_level(persona, cognition, 20)
    recalculate(cognition, today() - timedelta(days=1))
    assert tiers(personas, cognition) == [Tier.WATCHERS, Tier.WATCHERS]

    set_level(personas[0], cognition, 19)
    recalculate(cognition)

    assert tiers(personas, cognition) == [Tier.GOLD, Tier.WATCHERS]
    event = TierEvent.objects.get(persona=personas[0], day=today())
    assert (event.from_tier, event.to_tier, event.is_promotion) == (Tier.WATCHERS, Tier.GOLD, False)


def test_a_better_gold_persona_displaces_the_weakest_of_a_full_ranked_tier(field_of, score, cognition):
    personas = field_of(4)
    for persona in personas:
        set_level(persona, cognition, 20)
    recalculate(cognition, today() - timedelta(days=3))
    recalculate(cognition, today() - timedelta(days=2))  # the two Gold become Watchers, two more reach Gold
    assert tiers(personas, cognition) == [Tier.WATCHERS, Tier.WATCHERS, Tier.GOLD, Tier.GOLD]

    for _ in range(3):
        score(personas[3], 10)  # the last of them overtakes everyone
    recalculate(cognition, today() - timedelta(days=1))

    assert tiers(personas, cognition) == [Tier.WATCHERS, Tier.GOLD, Tier.GOLD, Tier.WATCHERS]


def test_running_twice_for_a_day_gives_the_same_result_and_writes_nothing_again(field_of, cognition):
    personas = field_of(7)
    for persona in personas[:3]:
        set_level(persona, cognition, 99)
    first = recalculate(cognition)
    before = list(Standing.objects.filter(attribute=cognition).order_by("persona_id").values())

    again = recalculate(cognition)

    assert list(Standing.objects.filter(attribute=cognition).order_by("persona_id").values()) == before
    assert first.changes and (again.written, again.snapshots, again.changes) == (0, 0, [])
    assert TierEvent.objects.filter(day=today()).count() == len(first.changes)


def test_a_rerun_that_puts_a_persona_back_where_the_day_began_leaves_no_event_for_it(field_of, cognition):
    personas = field_of(3)
    recalculate(cognition)
    assert TierEvent.objects.filter(day=today(), attribute=cognition).count() == 3
    leaving = personas[2]
    persona_update(persona=leaving, actor=leaving.owner, visibility=Visibility.PRIVATE)

    again = recalculate(cognition)

    events = TierEvent.objects.filter(day=today(), attribute=cognition)
    assert sorted(events.values_list("persona_id", flat=True)) == sorted(p.pk for p in personas[:2])
    assert [change.kind for change in again.changes] == ["left"]


def test_only_the_rows_that_changed_are_written(field_of, score, cognition):
    personas = field_of(8)
    recalculate(cognition, today() - timedelta(days=2))
    recalculate(cognition, today() - timedelta(days=1))  # placed ratings take their tier's share
    standings = Standing.objects.filter(attribute=cognition)
    written_before = dict(standings.values_list("persona_id", "updated_at"))

    score(personas[7], 10)  # the last climbs into Silver, pushing one down to Bronze and one out
    summary = recalculate(cognition)

    written_now = dict(standings.values_list("persona_id", "updated_at"))
    moved = {pk for pk, updated_at in written_now.items() if updated_at != written_before[pk]}
    assert moved == {personas[3].pk, personas[5].pk, personas[7].pk} and summary.written == 3
    assert tiers([personas[3], personas[5], personas[7]], cognition) == [Tier.BRONZE, None, Tier.SILVER]


def test_snapshots_record_the_days_a_rating_tier_or_rank_moved(field_of, score, cognition):
    first, second = field_of(2)
    recalculate(cognition, today() - timedelta(days=3))
    recalculate(cognition, today() - timedelta(days=2))  # Gold's share of the rating comes in
    recalculate(cognition, today() - timedelta(days=1))  # nothing moved: no snapshot that day
    score(second, 10)
    score(second, 10)

    recalculate(cognition)

    days = dict.fromkeys([first, second])
    for persona in days:
        days[persona] = list(
            StandingSnapshot.objects.filter(persona=persona, attribute=cognition).values_list("day", "tier")
        )
    gold_days = [(today() - timedelta(days=3), Tier.GOLD), (today() - timedelta(days=2), Tier.GOLD)]
    assert days[first] == gold_days
    assert days[second] == [*gold_days, (today(), Tier.GOLD)]


def test_tier_changes_are_events_announced_once_after_commit(field_of, cognition):
    personas = field_of(3)
    heard = []

    def listen(sender, attribute, day, changes, **kwargs):
        heard.extend((change.persona.pk, change.from_tier, change.to_tier, day) for change in changes)

    tier_changed.connect(listen)
    try:
        recalculate(cognition)
        recalculate(cognition)
    finally:
        tier_changed.disconnect(listen)

    assert heard == [
        (personas[0].pk, Tier.PAPER, Tier.GOLD, today()),
        (personas[1].pk, Tier.PAPER, Tier.GOLD, today()),
        (personas[2].pk, Tier.PAPER, Tier.SILVER, today()),
    ]
    assert TierEvent.objects.filter(attribute=cognition, day=today()).count() == 3


def test_a_failure_half_way_leaves_the_standings_as_they_were(field_of, score, cognition):
    personas = field_of(3)
    recalculate(cognition, today() - timedelta(days=1))
    before = list(Standing.objects.filter(attribute=cognition).order_by("persona_id").values())

    def fail_at_the_snapshots(step):
        if step == "write_snapshots":
            raise RuntimeError("the worker died")

    score(personas[2], 10)
    score(personas[2], 10)
    frozen = list(Standing.objects.filter(attribute=cognition).order_by("persona_id").values())
    with pytest.raises(RuntimeError):
        recalculate(cognition, progress=fail_at_the_snapshots)

    assert list(Standing.objects.filter(attribute=cognition).order_by("persona_id").values()) == frozen
    assert [row["tier"] for row in frozen] == [row["tier"] for row in before]
    assert not StandingSnapshot.objects.filter(day=today()).exists()
    run = RecalculationRun.objects.get(attribute=cognition, day=today())
    assert run.status == RecalculationRun.Status.FAILED and "the worker died" in run.summary["error"]

    recalculate(cognition)
    assert tiers(personas, cognition)[2] == Tier.GOLD
    run.refresh_from_db()
    assert run.status == RecalculationRun.Status.DONE


def test_the_database_computes_the_same_ratings_as_the_live_formula(graduate, score, cognition, alice, bob):
    persona = graduate(owner=alice)
    score(persona, 9, reviewers_count=3)
    score(persona, 4, reviewers_count=2)
    score(persona, 7, skill="clarity", reviewers_count=1)
    for _ in range(5):
        interaction_record(persona=persona, actor=bob, kind="like")
    interaction_record(persona=persona, actor=alice, kind="like")  # the owner's own: nothing
    interaction_record(persona=persona, actor=bob, kind="share")
    live = {s.attribute_id: s for s in standings_refresh(persona=persona)}
    Standing.objects.filter(persona=persona).update(rating=0, quality=0, points=0, evidence=0)

    for attribute_id in live:
        recalculate(live[attribute_id].attribute)

    for stored in Standing.objects.filter(persona=persona):
        expected = live[stored.attribute_id]
        assert stored.rating == pytest.approx(expected.rating, abs=0.011), stored.attribute
        assert (stored.answers, stored.reviewers, stored.level) == (
            expected.answers,
            expected.reviewers,
            expected.level,
        )
        assert stored.points == pytest.approx(expected.points, abs=1e-3)
        assert stored.quality == pytest.approx(expected.quality, abs=1e-3)


def test_live_positions_and_voting_sizes_follow_the_recalculation(field_of, cognition):
    personas = field_of(5)
    for persona in personas[:2]:
        set_level(persona, cognition, 99)
    recalculate(cognition, today() - timedelta(days=1))

    recalculate(cognition)

    # The two Watchers leave the live order; the others compete for the bands from position 1.
    positions = live_positions()
    assert [positions.position(cognition.pk, persona.pk) for persona in personas] == [None, None, 1, 2, 3]
    sizes = dict(RankedTierSize.objects.filter(day=today()).values_list("tier", "personas"))
    assert sizes == {Tier.SINGULARITY: 0, Tier.DEMENSIONOIDS: 0, Tier.ELEMENTOIDS: 0, Tier.WATCHERS: 2}


def test_a_persona_made_private_loses_its_place_at_the_next_recalculation(field_of, cognition):
    personas = field_of(3)
    recalculate(cognition, today() - timedelta(days=1))

    persona_update(persona=personas[0], actor=personas[0].owner, visibility=Visibility.PRIVATE)
    recalculate(cognition)

    assert tiers(personas, cognition) == [None, Tier.GOLD, Tier.GOLD]
