"""Each stored recording's pacing review, made with the lines of its day and kept, and redone when they change.

A recording is reviewed (:func:`~fibrokit.pacing.pace_review`) when it is stored, so pages and daily loads never
open beats. A review made with other lines is marked stale and redone: after a settings change (all of a
person's reviews), after a morning reading or exercise test that changes later days' lines, or after an
upgrade of fibrokit (the importer's idle loop, and the ``fibrokit pace`` commands, redo them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from fibrokit._version import __version__
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.pacing import pace_review
from fibrokit.pipeline import heart_rate_series
from fibrokit.records import BeatSeries, Channel, Recording
from fibrokit.services.pacing.lines import MORNING, DayLines, Inputs, load_inputs
from fibrokit.services.recordings.results import clean
from fibrokit.store import pacing_queries
from fibrokit.store.blobs import unpack
from fibrokit.store.tables import PacingReview, RecordingRow, User, utcnow


def review_day(row: RecordingRow) -> dt.date:
    """The day whose lines judge a recording: its own day, else the day it was imported."""
    return row.local_day or (row.start_utc or row.created_at or utcnow()).date()


def flagged_beats(session: Session, recording_id: int) -> BeatSeries | None:
    """A stored recording's beats with the artefact flags of its analysis.

    Without beats, its heart-rate samples in the same shape (for zones and load only); None without either.
    """
    stored = pacing_queries.beat_blobs(session, recording_id)
    if "beats" not in stored or "flags" not in stored:
        if "channel:heart_rate" not in stored:
            return None
        samples = unpack(stored["channel:heart_rate"])
        channel = Channel("heart_rate", "bpm", samples["values"], samples["times_s"])
        return heart_rate_series(Recording(channels={"heart_rate": channel}))
    beats, flags = unpack(stored["beats"]), unpack(stored["flags"])
    return BeatSeries(beats["times_s"], beats["rr_ms"], flags["flags"])


def review_recording(
    session: Session, row: RecordingRow, beats: BeatSeries | None, inputs: Inputs | None = None
) -> PacingReview | None:
    """Review one stored recording with the lines of its day, replacing its earlier review."""
    existing = session.get(PacingReview, row.id)
    if beats is None or len(beats) < 10:
        if existing is not None:
            session.delete(existing)
        return None
    day = review_day(row)
    lines = (inputs or load_inputs(session, row.user_id, day)).lines_on(day)
    review = existing or PacingReview(recording_id=row.id, user_id=row.user_id)
    if existing is None:
        session.add(review)
    review.day, review.version, review.stale, review.computed_at = row.local_day, __version__, False, utcnow()
    review.lines_key = lines.key
    user = session.get(User, row.user_id)
    _fill(review, lines, beats, user.sex if user is not None else "")
    return review


def _fill(review: PacingReview, lines: DayLines, beats: BeatSeries, sex: str) -> None:
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


def after_store(session: Session, row: RecordingRow, beats: BeatSeries | None) -> None:
    """Review a recording just stored; a morning reading or exercise test may change later days' lines."""
    review_recording(session, row, beats)
    if row.local_day is None or row.kind not in (MORNING, "exercise-test"):
        return
    window = dt.timedelta(days=int(fact("pacing.resting.days").scalar()) - 1)
    until = row.local_day + window if row.kind == MORNING else None
    if recheck(session, row.user_id, row.local_day, until):
        refresh_stale(session, row.user_id)


def recheck(session: Session, user_id: int, since: dt.date, until: dt.date | None = None) -> int:
    """Mark stale the reviews of days from ``since`` (to ``until``) whose lines changed; returns how many."""
    session.flush()
    inputs = load_inputs(session, user_id)
    changed = [
        review.recording_id
        for review in pacing_queries.reviews_between(session, user_id, since, until)
        if review.day is not None and inputs.lines_on(review.day).key != review.lines_key
    ]
    if changed:
        session.execute(update(PacingReview).where(PacingReview.recording_id.in_(changed)).values(stale=True))
    return len(changed)


def mark_stale(session: Session, user_id: int) -> None:
    """Every review of the person is to be redone (their settings changed)."""
    session.execute(update(PacingReview).where(PacingReview.user_id == user_id).values(stale=True))


def waiting(session: Session, user_id: int) -> int:
    """How many of the person's reviews wait to be redone."""
    return pacing_queries.count_stale(session, user_id, __version__)


def refresh_stale(session: Session, user_id: int | None = None, *, limit: int = 20) -> int:
    """Redo up to ``limit`` stale reviews (or ones made by another fibrokit); returns how many were redone."""
    query = (
        select(PacingReview.recording_id)
        .where(or_(PacingReview.stale.is_(True), PacingReview.version != __version__))
        .order_by(PacingReview.recording_id)
        .limit(limit)
    )
    if user_id is not None:
        query = query.where(PacingReview.user_id == user_id)
    ids = list(session.scalars(query))
    inputs: dict[int, Inputs] = {}
    for recording_id in ids:
        row = session.get(RecordingRow, recording_id)
        if row is None:
            continue
        if row.user_id not in inputs:
            inputs[row.user_id] = load_inputs(session, row.user_id)
        review_recording(session, row, flagged_beats(session, row.id), inputs[row.user_id])
    session.flush()
    return len(ids)


def review_data(review: PacingReview | None) -> dict[str, Any]:
    """A review's stored details (empty for none)."""
    return dict(review.data) if review is not None else {}
