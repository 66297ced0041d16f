"""The pacing area in its shape: a stored review's details reach the pages typed, never as a dictionary."""

from __future__ import annotations

from fibrokit.services.pacing.reviews import ReviewDetails
from fibrokit.store.tables import PacingReview


def test_a_reviews_stored_details_are_read_into_typed_fields() -> None:
    stored = {
        "summary": ["12 min in activity."],
        "peak_hr_bpm": 131,
        "recovery_60s_bpm": None,  # the recording ended sooner
        "over_zone_s": 42.5,
        "lines": ["threshold: resting + 15 bpm", "ceiling: 0.55 x HRmax"],
        "evidence": ["pacing.zones.dwell_s"],
    }
    details = ReviewDetails.of(PacingReview(recording_id=1, user_id=1, data=stored))
    assert details.summary == ("12 min in activity.",)
    assert details.peak_hr_bpm == 131.0
    assert details.recovery_60s_bpm is None
    assert details.over_zone_s == 42.5
    assert details.lines == ("threshold: resting + 15 bpm", "ceiling: 0.55 x HRmax")
    assert details.evidence == ("pacing.zones.dwell_s",)
    assert details.note == ""


def test_without_a_review_or_with_a_note_only_the_note_is_shown() -> None:
    assert ReviewDetails.of(None) == ReviewDetails()
    noted = ReviewDetails.of(
        PacingReview(recording_id=1, user_id=1, data={"note": "Not reviewed: too short."})
    )
    assert noted == ReviewDetails(note="Not reviewed: too short.")
