"""Gower similarity on profiles whose scores were worked out by hand (see insights.compare)."""

import pytest

from insights.compare import field_similarity, gower_similarity, profiles_compare

NURSE = {
    "age": 30,
    "gender": "female",
    "location": "Madrid",
    "education_level": "bachelor",
    "income_bracket": "middle",
    "occupation": "Nurse",
    "big_five": {
        "openness": 0.8,
        "conscientiousness": 0.6,
        "extraversion": 0.4,
        "agreeableness": 0.7,
        "neuroticism": 0.3,
    },
    "values": ["family", "health", "travel"],
    "interests": [],
}
BANKER = {
    "age": 60,
    "gender": " Female ",
    "location": "Paris",
    "education_level": "master",
    "income_bracket": "high",
    "occupation": None,
    "big_five": {
        "openness": 0.6,
        "conscientiousness": 0.6,
        "extraversion": 0.8,
        "agreeableness": 0.7,
        "neuroticism": 0.3,
    },
    "hofstede": {"power_distance": 0.5},
    "values": ["Family", "money"],
    "interests": ["golf"],
}
STUDENT = {"age": 30, "gender": "male"}


def test_each_kind_of_field_scores_as_documented():
    assert field_similarity("age", 30, 60) == pytest.approx(1 - 30 / 120)
    assert field_similarity("gender", "female", " Female ") == 1
    assert field_similarity("location", "Madrid", "Paris") == 0
    assert field_similarity("education_level", "bachelor", "master") == pytest.approx(1 - 1 / 6)
    assert field_similarity("income_bracket", "middle", "high") == pytest.approx(1 - 2 / 4)
    assert field_similarity("values", ["family", "health", "travel"], ["Family", "money"]) == 0.25
    assert field_similarity("big_five", NURSE["big_five"], BANKER["big_five"]) == pytest.approx(4.4 / 5)


def test_missing_values_are_skipped_not_counted_as_different():
    assert field_similarity("occupation", "Nurse", None) is None
    assert field_similarity("interests", [], ["golf"]) is None
    assert field_similarity("hofstede", None, {"power_distance": 0.5}) is None
    assert gower_similarity({"age": 40}, {"gender": "male"}) is None


def test_two_known_profiles():
    # age .75, gender 1, location 0, education 5/6, income .5, Big Five .88, values .25: 7 fields.
    expected = (0.75 + 1 + 0 + 5 / 6 + 0.5 + 0.88 + 0.25) / 7
    assert gower_similarity(NURSE, BANKER) == pytest.approx(expected)
    comparison = profiles_compare([NURSE, BANKER])
    assert comparison.similarity_score == pytest.approx(expected)
    assert comparison.key_differences == [
        "location",
        "values",
        "income_bracket",
        "age",
        "education_level",
        "big_five",
    ]


def test_big_five_weighs_as_one_field_not_five():
    calm = {"age": 60, "big_five": dict.fromkeys(NURSE["big_five"], 0.5)}
    closed = {"age": 60, "big_five": {**calm["big_five"], "openness": 0.0}}
    # One block of similarity 1 - 0.5/5 = 0.9 beside age's 1; five fields would give 5.5/6.
    assert gower_similarity(calm, closed) == pytest.approx((1 + 0.9) / 2)


def test_three_profiles_average_their_three_pairs():
    comparison = profiles_compare([NURSE, BANKER, STUDENT])
    nurse_banker = (0.75 + 1 + 0 + 5 / 6 + 0.5 + 0.88 + 0.25) / 7
    nurse_student, banker_student = (1 + 0) / 2, (0.75 + 0) / 2
    assert [score for _, _, score in comparison.pair_scores] == pytest.approx(
        [nurse_banker, nurse_student, banker_student]
    )
    assert comparison.similarity_score == pytest.approx((nurse_banker + nurse_student + banker_student) / 3)
    # Gender differs in two pairs of three; location only in the one pair that can compare it.
    assert comparison.dissimilarity["gender"] == pytest.approx(2 / 3)
    assert comparison.key_differences[0] == "location"


def test_identical_profiles_are_fully_similar_with_no_differences():
    comparison = profiles_compare([NURSE, dict(NURSE)])
    assert comparison.similarity_score == pytest.approx(1)
    assert comparison.key_differences == []
