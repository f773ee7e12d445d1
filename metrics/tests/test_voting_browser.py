"""In headless Chromium: an owner casts a ranked persona's vote on a phone-sized screen, the results
show once voting closes, and none of the proposal pages has a serious accessibility violation."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import log_in, log_out
from core.tests.test_accessibility import blocking_violations
from metrics.tests.conftest import close
from metrics.tiers import Tier

ARTIFACTS = Path("test-artifacts")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_owner_votes_on_a_phone_and_the_pages_are_accessible(
    page, live_server, alice, maude, ranked, proposal
):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})
    ranked(Tier.WATCHERS, owner=alice, name="Ada Voter")
    ranked(Tier.SINGULARITY, owner=alice, name="Bea Voter")
    ranked(Tier.WATCHERS)
    axe, problems = Axe(), {}

    def check(path):
        page.goto(f"{live_server.url}{path}")
        if found := blocking_violations(axe, page):
            problems[path] = found

    log_in(page, live_server, "alice")
    check("/proposals/")
    page.get_by_role("link", name=proposal.title).click()
    ballot = page.get_by_role("group", name="Bea Voter")
    ballot.get_by_label("Guilds").check()
    ballot.get_by_role("button", name="Cast the vote of Bea Voter").click()
    page.wait_for_load_state()
    assert "Bea Voter voted for “Guilds”." in page.inner_text(".messages")
    assert page.get_by_role("group", name="Ada Voter").is_visible()
    check(f"/proposals/{proposal.pk}/")
    page.screenshot(path=ARTIFACTS / "voting-proposal.png", full_page=True)

    close(proposal)
    check(f"/proposals/{proposal.pk}/results/")
    assert "Guilds" in page.inner_text("#overall-heading + dl")
    page.screenshot(path=ARTIFACTS / "voting-results.png", full_page=True)
    log_out(page)
    log_in(page, live_server, "maude")
    check("/proposals/new/")

    assert problems == {}
