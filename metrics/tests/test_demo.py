"""`manage.py seed_demo` with the small boards `make run` sets: the leaderboard and a ranked ladder list
personas, the rating histories have a line, a proposal is open, and a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from metrics.models import Standing, StandingSnapshot
from metrics.tiers import Tier
from persona.models import Persona
from prompts.models import SkillScore

pytestmark = pytest.mark.django_db


def seed(capture) -> str:
    out = StringIO()
    with capture(execute=True):  # today's recalculation runs once the demo's data is committed
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def places(client, path: str) -> list[tuple[int, str]]:
    return [(entry.place, entry.persona.name) for entry in client.get(path).context["entries"]]


@pytest.mark.usefixtures("make_run_policy")
def test_the_demo_fills_the_boards_and_a_ladder_and_opens_a_proposal_and_runs_twice(
    client, django_capture_on_commit_callbacks
):
    first = seed(django_capture_on_commit_callbacks)
    tiers = dict(Standing.objects.filter(attribute__slug="cognition").values_list("persona__name", "tier"))
    scores = SkillScore.objects.count()

    second = seed(django_capture_on_commit_callbacks)

    assert "Metrics: 0 new scores" not in first and "Metrics: 0 new scores" in second
    assert SkillScore.objects.count() == scores
    assert (
        dict(Standing.objects.filter(attribute__slug="cognition").values_list("persona__name", "tier"))
        == tiers
    )
    gold = places(client, "/leaderboards/cognition/")
    bronze = places(client, "/leaderboards/cognition/?band=bronze")
    ladder = places(client, "/leaderboards/cognition/ladder/")
    assert [place for place, _ in gold] == [1, 2] and len(bronze) >= 1
    assert ladder[0] == (1, "Ada the Analyst")
    assert {entry.tier for entry in client.get("/leaderboards/cognition/ladder/").context["entries"]} >= {
        Tier.WATCHERS
    }
    proposals = client.get("/proposals/").context["open_proposals"]
    assert [proposal.created_by.username for proposal in proposals] == ["maude"]


@pytest.mark.usefixtures("make_run_policy")
def test_the_demo_gives_rating_histories_and_a_would_be_place(client, django_capture_on_commit_callbacks):
    seed(django_capture_on_commit_callbacks)
    ada = Persona.objects.get(name="Ada the Analyst")
    lu = Persona.objects.get(name="Linguist Lu")

    assert StandingSnapshot.objects.filter(persona=ada, attribute__slug="cognition").count() >= 3
    page = client.get(ada.get_absolute_url()).content.decode()
    assert "<polyline" in page and "Cognition rating of Ada the Analyst, by day" in page
    client.force_login(get_user_model().objects.get(username="bob"))
    assert "Would be #1, Gold, if public." in client.get(lu.get_absolute_url()).content.decode()
