import pytest
from django.core.exceptions import ValidationError

from insights.schema import NeedsDocument, needs_document_parse, needs_document_to_storage, odi_band

VALID = {
    "jobs_to_be_done": [
        {
            "situation": "I get home late",
            "motivation": "to cook fast",
            "outcome": "eat with my kids",
            "priority": 8,
        }
    ],
    "desired_outcomes": [{"statement": "Minimize cooking time", "importance": 9, "satisfaction": 3}],
    "pain_points": [{"title": "Losing time", "severity": 7, "share_affected": 0.5}],
}


def test_valid_document_gets_server_computed_scores():
    document = needs_document_parse(VALID)
    outcome = document.desired_outcomes[0]
    assert (outcome.opportunity_score, outcome.odi_score, outcome.odi_band) == (54, 15, "high")
    assert (
        document.jobs_to_be_done[0].statement
        == "When I get home late, I want to cook fast, so I can eat with my kids."
    )
    assert document.pain_points[0].severity_level == "high"


def test_scores_sent_in_are_ignored_and_never_stored():
    data = {
        **VALID,
        "desired_outcomes": [{**VALID["desired_outcomes"][0], "opportunity_score": 999, "odi_score": 1}],
    }
    document = needs_document_parse(data)
    assert document.desired_outcomes[0].opportunity_score == 54
    stored = needs_document_to_storage(document)
    assert "opportunity_score" not in stored["desired_outcomes"][0]
    assert "statement" not in stored["jobs_to_be_done"][0]
    assert NeedsDocument.model_validate(stored) == document


def test_satisfaction_above_importance_gives_no_negative_odi_gap():
    outcome = needs_document_parse(
        {"desired_outcomes": [{"statement": "x", "importance": 4, "satisfaction": 9}]}
    )
    assert outcome.desired_outcomes[0].odi_score == 4
    assert outcome.desired_outcomes[0].opportunity_score == -20


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (20, "extreme"),
        (16, "extreme"),
        (15, "high"),
        (12, "high"),
        (11, "worth a look"),
        (10, "worth a look"),
        (9, "unattractive"),
    ],
)
def test_odi_bands(score, band):
    assert odi_band(score) == band


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"pain_points": [{"title": "x", "severity": 11}]}, "pain_points[0].severity"),
        (
            {"pain_points": [{"title": "x", "severity": 5, "share_affected": 1.5}]},
            "pain_points[0].share_affected",
        ),
        (
            {"desired_outcomes": [{"statement": "x", "importance": 0, "satisfaction": 1}]},
            "desired_outcomes[0].importance",
        ),
        (
            {
                "jobs_to_be_done": [
                    {
                        "situation": "a",
                        "motivation": "b",
                        "outcome": "c",
                        "priority": 5,
                        "frequency": "hourly",
                    }
                ]
            },
            "jobs_to_be_done[0].frequency",
        ),
        ({"surprise": []}, "surprise"),
    ],
)
def test_errors_name_the_place(change, where):
    with pytest.raises(ValidationError) as error:
        needs_document_parse({**VALID, **change})
    assert any(message.startswith(f"{where}:") for message in error.value.message_dict["document"])
