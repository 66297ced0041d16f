"""One recording's pacing review: the day whose lines judge it, its beats, and the review's numbers.

A recording is reviewed (:func:`~fibrokit.pacing.pace_review`) when it is stored, so pages and daily loads never
open beats. A review made with other lines is marked stale and redone: after a settings change (all of a
person's reviews), after a morning reading or exercise test that changes later days' lines, or after an
upgrade of fibrokit (the importer's idle loop, and the ``fibrokit pace`` commands, redo them). Storing and
redoing reviews is :mod:`fibrokit.services.pacing.actions`; this module reads and computes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fibrokit._version import __version__
from fibrokit.errors import InsufficientData
from fibrokit.pacing import pace_review
from fibrokit.pipeline import heart_rate_series
from fibrokit.records import BeatSeries, Channel, Recording
from fibrokit.services.pacing import queries
from fibrokit.services.pacing.lines import DayLines
from fibrokit.services.pacing.queries import Session
from fibrokit.services.recordings.results import clean
from fibrokit.store.blobs import unpack
from fibrokit.store.tables import PacingReview, RecordingRow, utcnow


def review_day(row: RecordingRow) -> dt.date:
    """The day whose lines judge a recording: its own day, else the day it was imported."""
    return row.local_day or (row.start_utc or row.created_at or utcnow()).date()


def flagged_beats(session: Session, recording_id: int) -> BeatSeries | None:
    """A stored recording's beats with the artefact flags of its analysis.

    Without beats, its heart-rate samples in the same shape (for zones and load only); None without either.
    """
    stored = queries.beat_blobs(session, recording_id)
    if "beats" not in stored or "flags" not in stored:
        if "channel:heart_rate" not in stored:
            return None
        samples = unpack(stored["channel:heart_rate"])
        channel = Channel("heart_rate", "bpm", samples["values"], samples["times_s"])
        return heart_rate_series(Recording(channels={"heart_rate": channel}))
    beats, flags = unpack(stored["beats"]), unpack(stored["flags"])
    return BeatSeries(beats["times_s"], beats["rr_ms"], flags["flags"])


def fill(review: PacingReview, lines: DayLines, beats: BeatSeries, sex: str) -> None:
    """Set a review's numbers and details from the lines of its day and the recording's beats."""
    numbers = ("threshold_bpm", "ceiling_bpm", "points", "rest_s", "activity_s", "over_s", "longest_over_s")
    for name in numbers:
        setattr(review, name, None)
    if lines.thresholds is None:
        review.data = {"note": lines.problem}
        return
    hrmax = lines.test.values.peak_hr_bpm if lines.test is not None else None
    try:
        done = pace_review(
            beats,
            lines.thresholds,
            hrmax_bpm=hrmax,
            resting_hr_bpm=lines.resting_bpm,
            sex=sex if sex in ("f", "m") else None,  # type: ignore[arg-type]
        )
    except InsufficientData as error:
        review.data = {"note": f"Not reviewed: {error}."}
        return
    review.threshold_bpm, review.ceiling_bpm = lines.thresholds.threshold.bpm, lines.thresholds.ceiling.bpm
    review.points, review.longest_over_s = done.points, done.longest_over_s
    review.rest_s, review.activity_s = done.seconds_in["rest"], done.seconds_in["activity"]
    review.over_s = done.over_ceiling_s
    review.data = clean(
        {
            "summary": list(done.summary),
            "duration_s": done.duration_s,
            "over_zone_s": done.seconds_in["over ceiling"],
            "peak_hr_bpm": done.peak_hr_bpm,
            "recovery_60s_bpm": done.recovery_60s_bpm,
            "back_below_threshold_s": done.back_below_threshold_s,
            "trimp": done.trimp,
            "lines": [lines.thresholds.threshold.explanation, lines.thresholds.ceiling.explanation],
            "evidence": lines.evidence,
        }
    )


def waiting(session: Session, user_id: int) -> int:
    """How many of the person's reviews wait to be redone."""
    return queries.count_stale(session, user_id, __version__)


@dataclass(frozen=True)
class ReviewDetails:
    """What a stored review says beside its numbers, as the pages show it; or, in ``note``, why there is none."""

    note: str = ""
    summary: tuple[str, ...] = ()
    peak_hr_bpm: float | None = None
    recovery_60s_bpm: float | None = None
    over_zone_s: float | None = (
        None  # time the zone shown was "over ceiling" (over_s counts every moment above)
    )
    lines: tuple[str, ...] = ()  # how each line of that day was set
    evidence: tuple[str, ...] = ()  # the evidence registry keys behind the lines and zones

    @classmethod
    def of(cls, review: PacingReview | None) -> ReviewDetails:
        """A review's stored details (none without a review)."""
        data = review.data if review is not None else {}
        return cls(
            str(data.get("note", "")),
            tuple(str(sentence) for sentence in data.get("summary", [])),
            _number(data.get("peak_hr_bpm")),
            _number(data.get("recovery_60s_bpm")),
            _number(data.get("over_zone_s")),
            tuple(str(line) for line in data.get("lines", [])),
            tuple(str(key) for key in data.get("evidence", [])),
        )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
