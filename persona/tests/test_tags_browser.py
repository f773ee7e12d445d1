"""In Chromium: the tags box suggests popular tags after those already typed, and saves them."""

import pytest

from conftest import log_in
from persona.models import Persona
from persona.tests.factories import PersonaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tag_suggestions_follow_what_is_typed_and_the_tags_are_saved(page, live_server, alice, bob):
    PersonaFactory(owner=bob, tags=["pirates", "sea"])
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/personas/new/")
    page.get_by_label("Name").fill("Tagged Explorer")
    page.get_by_label("Description").fill("Sails and tells.")
    box = page.get_by_label("Tags")
    box.press_sequentially("Sea, ")
    suggested = page.locator("#tag-suggestions option").evaluate_all("options => options.map(o => o.value)")
    assert suggested == ["Sea, pirates"]  # "sea" is typed already, whatever its case
    box.fill("Sea, pirates")
    page.get_by_role("button", name="Create persona").click()
    page.wait_for_load_state()
    assert sorted(Persona.objects.get(name="Tagged Explorer").tags.names()) == ["pirates", "sea"]
    assert page.locator(".tag-list").inner_text().split() == ["pirates", "sea"]
