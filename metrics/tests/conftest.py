from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from leveling.models import Attribute, TutorialProgress
from metrics.models import Proposal, Standing
from metrics.services import proposal_create
from metrics.tiers import TUTORIAL_DONE, Tier
from persona.tests.factories import PersonaFactory
from prompts.services import skill_scores_record
from prompts.tests.factories import AnswerFactory, PromptFactory

ON_BOARD_SINCE = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def small_policy(settings):
    """Boards of 2/4/6 places, ladders of 2/2/1/1 from levels 2/3/4/5, two reviewers of evidence."""
    settings.METRICS_BAND_SIZES = (2, 2, 2)
    settings.METRICS_RANKED_CAPS = (2, 2, 1, 1)
    settings.METRICS_RANKED_LEVELS = (2, 3, 4, 5)
    settings.METRICS_MIN_REVIEWERS = 2
    settings.METRICS_ACTIVE_DAYS = 30


@pytest.fixture
def cognition(db):
    return Attribute.objects.get(slug="cognition")


@pytest.fixture
def reviewers(db):
    return [UserFactory(username=f"reviewer{n}", groups=["reviewers"]) for n in range(3)]


@pytest.fixture
def graduate(cognition):
    """A public persona past the Cognition tutorial."""

    def make(**fields):
        persona = PersonaFactory(**fields)
        TutorialProgress.objects.filter(persona=persona, attribute=cognition).update(tier=TUTORIAL_DONE)
        return persona

    return make


@pytest.fixture
def score(reviewers):
    """Score a fresh answer of the persona on reasoning: score(persona, 8, reviewers=2)."""

    def record(persona, value, *, reviewers_count=2, skill="reasoning"):
        answer = AnswerFactory(persona=persona, prompt=PromptFactory(skills=[skill]))
        for reviewer in reviewers[:reviewers_count]:
            skill_scores_record(answer=answer, scorer=reviewer, scores={answer.prompt.skills.get().pk: value})
        return answer

    return record


@pytest.fixture
def ranked(cognition):
    """A public persona holding `tier` in Cognition, written straight into its standing (as the daily
    recalculation would): ranked(Tier.WATCHERS, owner=alice, also={mastery: Tier.SINGULARITY})."""

    def make(tier: Tier, *, also: dict | None = None, **fields):
        persona = PersonaFactory(**fields)
        for attribute, held in {cognition: tier, **(also or {})}.items():
            Standing.objects.create(
                persona=persona,
                attribute=attribute,
                tier=held,
                rank=1 if held <= Tier.WATCHERS else None,
                eligible=True,
                rating=50,
            )
        return persona

    return make


@pytest.fixture
def proposal(maude):
    """An open proposal with three choices, closing in a week."""
    return proposal_create(
        actor=maude,
        title="Which season comes next?",
        text="Pick the theme of the next ranked season.",
        choices=["Duels", "Guilds", "Quests"],
        closes_at=timezone.now() + timedelta(days=7),
    )


def close(proposal: Proposal) -> Proposal:
    """Time passes: the proposal closed a minute ago."""
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def on_board(cognition):
    """Write a standing as the daily recalculation leaves it (the recalculation is not needed):
    on_board(Tier.GOLD, rating=2100) for a new public persona past the tutorial, or on_board(tier,
    persona=..., rating=..., rank=..., attribute=..., rated_at=..., eligible=...)."""

    def place(tier, *, rating, persona=None, attribute=None, rated_at=None, rank=None, eligible=True, **made):
        persona = persona or PersonaFactory(**made)
        attribute = attribute or cognition
        TutorialProgress.objects.filter(persona=persona, attribute=attribute).update(tier=TUTORIAL_DONE)
        return Standing.objects.create(
            persona=persona,
            attribute=attribute,
            rating=rating,
            rated_at=rated_at or ON_BOARD_SINCE,
            tier=tier,
            rank=rank,
            eligible=eligible,
            reviewers=2,
            last_active_at=timezone.now(),
        )

    return place
