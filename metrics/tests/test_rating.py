"""The rating formula's promises, each a property a farmer would try to break."""

import pytest

from metrics.policy import MetricsPolicy
from metrics.rating import AnswerEvidence, interaction_points, interactions_counted, quality, rating

POLICY = MetricsPolicy()


def test_two_reviewers_giving_eight_make_one_answer_scored_eight_not_sixteen():
    one_reviewer, _ = quality([AnswerEvidence(8, 1)], POLICY)
    two_reviewers, evidence = quality([AnswerEvidence(8, 2)], POLICY)

    assert one_reviewer < two_reviewers < 8  # more confidence, never a higher score than given
    assert evidence < 1  # still less than one answer's worth


def test_thin_evidence_rates_below_the_same_mean_with_more_evidence():
    thin, _ = quality([AnswerEvidence(9, 1)], POLICY)
    some, _ = quality([AnswerEvidence(9, 1)] * 5, POLICY)
    plenty, _ = quality([AnswerEvidence(9, 3)] * 50, POLICY)

    assert thin < some < plenty < 9
    assert plenty > 8.5  # rises towards the mean


def test_more_evidence_of_worse_answers_does_not_beat_good_answers():
    good, _ = quality([AnswerEvidence(9, 2)] * 10, POLICY)
    mediocre, _ = quality([AnswerEvidence(6, 2)] * 1000, POLICY)

    assert good > mediocre


def test_no_evidence_is_quality_zero():
    assert quality([], POLICY) == (0.0, 0.0)


def likes(per_person: list[int]) -> float:
    return interaction_points({"like": interactions_counted(per_person, POLICY)})


def test_interactions_count_distinct_people_capped_and_damped():
    one_clicker, three_likes = likes([1000]), likes([1, 1, 1])
    crowd, bigger_crowd = likes([1] * 100), likes([1] * 1000)

    assert one_clicker == likes([POLICY.interaction_cap]) == three_likes
    assert crowd > three_likes
    assert bigger_crowd - crowd < crowd - three_likes  # ten times the people, far less than ten times


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ({"quality": 8}, {"quality": 7}),
        ({"level": 50}, {"level": 40}),
        ({"points": 200}, {"points": 20}),
        ({"tier": 5}, {"tier": 7}),
    ],
)
def test_each_ingredient_raises_the_rating(better, worse):
    base = {"quality": 5, "level": 10, "points": 10, "tier": 7}

    assert rating(**{**base, **better}, policy=POLICY) > rating(**{**base, **worse}, policy=POLICY)


def test_ratings_are_deterministic_and_bounded():
    top = rating(quality=10, level=99, points=10**9, tier=1, policy=POLICY)
    bottom = rating(quality=0, level=1, points=0, tier=10, policy=POLICY)

    assert (top, bottom) == (3000.0, 0.0)
    assert rating(quality=7.3, level=33, points=55, tier=6, policy=POLICY) == rating(
        quality=7.3, level=33, points=55, tier=6, policy=POLICY
    )
