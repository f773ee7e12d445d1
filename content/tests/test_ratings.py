"""Reactions reach the ratings at once: a like by another person raises the persona's points, its rating
and (once committed) its live position; the owner's own like does nothing."""

import pytest

from content import services
from content.tests.factories import ContentItemFactory
from metrics.models import Standing
from metrics.positions import live_positions
from metrics.tests.conftest import small_policy  # noqa: F401 (small boards: two reviewers of evidence)

pytestmark = pytest.mark.django_db


def standing(persona, attribute) -> Standing:
    return Standing.objects.get(persona=persona, attribute=attribute)


def test_a_like_by_someone_else_raises_the_personas_points_and_rating(graduate, score, cognition, bob):
    persona = graduate()
    score(persona, 7)
    before = standing(persona, cognition)
    item = ContentItemFactory(persona=persona)

    services.content_like_toggle(item=item, actor=bob)

    after = standing(persona, cognition)
    assert after.points > before.points and after.rating > before.rating


def test_the_owners_own_like_leaves_the_rating_as_it_was(graduate, score, cognition):
    persona = graduate()
    score(persona, 7)
    before = standing(persona, cognition)

    services.content_like_toggle(item=ContentItemFactory(persona=persona), actor=persona.owner)

    assert standing(persona, cognition).rating == before.rating


def test_likes_move_the_live_position_once_committed(
    graduate,
    score,
    cognition,
    fans,
    django_capture_on_commit_callbacks,
):
    leader, chaser = graduate(), graduate()
    with django_capture_on_commit_callbacks(execute=True):
        score(leader, 7)
        score(chaser, 7)
        services.content_like_toggle(item=ContentItemFactory(persona=leader), actor=fans[0])
        item = ContentItemFactory(persona=chaser)
    positions = live_positions()
    assert (positions.position(cognition.pk, leader.pk), positions.position(cognition.pk, chaser.pk)) == (
        1,
        2,
    )

    with django_capture_on_commit_callbacks(execute=True):
        for fan in fans:
            services.content_like_toggle(item=item, actor=fan)

    assert (positions.position(cognition.pk, chaser.pk), positions.position(cognition.pk, leader.pk)) == (
        1,
        2,
    )
