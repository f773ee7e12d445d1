"""Proposals in the admin: opened through the service, read only afterwards, votes scoped by persona."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.tests.factories import UserFactory
from metrics.models import Proposal
from metrics.services import vote_cast
from metrics.tiers import Tier
from persona.models import Visibility
from persona.services import persona_update

pytestmark = pytest.mark.django_db
ADD = "/admin/metrics/proposal/add/"


@pytest.fixture
def staff_moderator(db):
    return UserFactory(username="mona", groups=["moderators"], is_staff=True)


@pytest.fixture
def staff_reader(db):
    """Staff who may read proposals and votes in the admin, with no rights on personas."""
    reader = UserFactory(username="rex", is_staff=True)
    codenames = ["view_proposal", "view_proposalchoice", "view_vote"]
    reader.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="metrics", codename__in=codenames)
    )
    return reader


def form_data(**changes) -> dict:
    closes = timezone.now() + timedelta(days=2)
    fields = {"title": "Seasons?", "text": "Should we?", "choices": "Yes\nNo", "closes_at": closes, **changes}
    closes = fields.pop("closes_at")  # the admin's split date and time inputs
    return {**fields, "closes_at_0": f"{closes:%Y-%m-%d}", "closes_at_1": f"{closes:%H:%M:%S}"}


def test_a_moderator_opens_a_proposal_in_the_admin_through_the_service(client, staff_moderator):
    client.force_login(staff_moderator)

    response = client.post(ADD, form_data(choices="Yes\n\nNo\nMaybe"))

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert [c.label for c in proposal.choices.all()] == ["Yes", "No", "Maybe"]
    assert proposal.created_by == staff_moderator


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"choices": "Yes\nYES"}, "“YES” is given twice; each choice must differ."),
        ({"choices": "Yes"}, "Give from 2 to 20 different choices."),
        ({"closes_at": timezone.now() - timedelta(days=1)}, "The closing time must be in the future."),
    ],
)
def test_a_bad_proposal_shows_the_services_message_on_its_field(client, staff_moderator, changes, message):
    client.force_login(staff_moderator)

    response = client.post(ADD, form_data(**changes))

    assert response.status_code == 200
    field = next(iter(changes))
    assert response.context["adminform"].form.errors[field] == [message]
    assert not Proposal.objects.exists()


def test_proposals_are_read_only_once_opened_with_their_choices_and_scoped_votes(
    client, staff_reader, staff_moderator, proposal, ranked
):
    shown, hidden = ranked(Tier.WATCHERS, name="Shown Voter"), ranked(Tier.WATCHERS, name="Hidden Voter")
    for persona in (shown, hidden):
        vote_cast(proposal=proposal, persona=persona, choice=proposal.choices.first(), actor=persona.owner)
    persona_update(persona=hidden, actor=hidden.owner, visibility=Visibility.PRIVATE)
    url = f"/admin/metrics/proposal/{proposal.pk}/change/"
    client.force_login(staff_reader)
    page = client.get(url)
    client.force_login(staff_moderator)
    moderated = client.get(url)
    edit = client.post(url, {**form_data(), "title": "Changed"})

    html = page.content.decode()
    assert page.status_code == 200 and "Duels" in html and "Quests" in html
    assert "Shown Voter" in html and "Hidden Voter" not in html
    assert "Hidden Voter" in moderated.content.decode()  # moderators read every persona
    assert 'name="title"' not in moderated.content.decode()
    assert edit.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "Which season comes next?"


def test_staff_without_the_moderators_rights_cannot_open_proposals(client, staff_reviewer):
    client.force_login(staff_reviewer)

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, form_data()).status_code == 403
    assert not Proposal.objects.exists()
