from insights.masking import EMAIL_MASK, PHONE_MASK, details_mask, initials

DETAILS = {
    "id": 7,
    "full_name": "Maria José Lopez",
    "created_at": "2026-12-01T19:20:33+00:00",
    "headline": "Write to maria.lopez@example.com or call +34 612 345 678",
    "background_story": "Maria moved in 2019-05-01; she has 12 cats and 1234567 reasons. LOPEZ laughs.",
    "needs_and_pains": {
        "pain_points": [
            {"title": "Calls", "quotes": ["Ring me on (555) 123-4567, says Maria.", "mail: m@x.io"]},
        ],
    },
}


def test_names_become_initials_everywhere():
    masked = details_mask(DETAILS)
    assert masked["full_name"] == "M. J. L."
    assert masked["background_story"].startswith("M. moved in")
    assert "L. laughs" in masked["background_story"]
    assert "Maria" not in str(masked) and "Lopez" not in str(masked)
    assert initials("ana  de la cruz") == "A. D. L. C."


def test_emails_and_phones_are_masked_in_quotes_too():
    masked = details_mask(DETAILS)
    quotes = masked["needs_and_pains"]["pain_points"][0]["quotes"]
    assert quotes == [f"Ring me on {PHONE_MASK}, says M..", f"mail: {EMAIL_MASK}"]
    assert masked["headline"] == f"Write to {EMAIL_MASK} or call {PHONE_MASK}"
    assert "example.com" not in str(masked)


def test_dates_short_numbers_and_bookkeeping_stay():
    masked = details_mask(DETAILS)
    assert "2019-05-01" in masked["background_story"] and "12 cats" in masked["background_story"]
    assert PHONE_MASK in masked["background_story"]  # seven digits in a row read as a phone number
    assert masked["created_at"] == DETAILS["created_at"] and masked["id"] == 7


def test_the_original_is_left_unmasked():
    details_mask(DETAILS)
    assert DETAILS["full_name"] == "Maria José Lopez"
