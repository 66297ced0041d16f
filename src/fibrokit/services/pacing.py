"""Pacing on stored data: the heart-rate lines in force on a day, and each recording's review with them.

Each day has its own lines: the person's rules (``PacingSettings``), their age that year, the newest scored
exercise test on or before that day, and a resting heart rate typed in or taken from the mornings before it
(:func:`~fibrokit.pacing.pace_resting`). A recording is reviewed (:func:`~fibrokit.pacing.pace_review`) when it
is stored, with the lines of its day, and the review kept, so pages and daily loads never open beats. A review
made with other lines is marked stale and redone: after a settings change (all of a person's reviews), after a
morning reading or exercise test that changes later days' lines, or after an upgrade of fibrokit.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from fibrokit._version import __version__
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.pacing import (
    ExerciseTestValues,
    Mornings,
    PacingThresholds,
    RestingHr,
    pace_resting,
    pace_review,
    pace_thresholds,
)
from fibrokit.pacing.pace_resting import RESTING_EVIDENCE
from fibrokit.records import BeatSeries
from fibrokit.services.analysis import clean
from fibrokit.store import pacing_queries
from fibrokit.store.blobs import unpack
from fibrokit.store.tables import PacingReview, PacingSettings, RecordingRow, User, utcnow

MORNING = "morning-reading"


@dataclass(frozen=True)
class TestUsed:
    """The exercise test whose peak sets the ceiling (``exercise_test`` rule)."""

    recording_id: int
    day: dt.date
    values: ExerciseTestValues


@dataclass(frozen=True)
class DayLines:
    """The lines in force on one day, what they came from, or why there are none."""

    day: dt.date
    thresholds: PacingThresholds | None
    problem: str
    resting: RestingHr | None  # None when the resting heart rate was typed in
    resting_bpm: float | None
    test: TestUsed | None
    age: float | None
    key: str

    @property
    def resting_note(self) -> str:
        """Where the resting heart rate behind the lines came from, in plain words."""
        if self.resting is None:
            return f"Resting heart rate {self.resting_bpm:.0f} bpm, set by hand." if self.resting_bpm else ""
        if self.resting.bpm is None and self.test is not None and self.resting_bpm is not None:
            return (
                f"{self.resting.explanation} Meanwhile the resting heart rate measured before your exercise test "
                f"of {self.test.day.isoformat()} ({self.resting_bpm:.0f} bpm) is used."
            )
        return self.resting.explanation

    @property
    def evidence(self) -> list[str]:
        """Registry keys behind the lines, the resting heart rate and the zones."""
        used = self.resting is not None and self.resting.bpm is not None
        keys = list(RESTING_EVIDENCE) if used else []
        if self.thresholds is not None:
            keys += [*self.thresholds.threshold.evidence, *self.thresholds.ceiling.evidence]
        return [*keys, "pacing.zones.hysteresis_bpm", "pacing.zones.dwell_s"]


@dataclass
class Inputs:
    """Everything the lines of a person's days depend on, read once for many days."""

    settings: PacingSettings
    birth_year: int | None
    sex: str
    mornings: Mornings
    tests: list[TestUsed]

    def lines_on(self, day: dt.date) -> DayLines:
        """The lines of ``day``: from the settings, the age that year, the newest test and the mornings."""
        s = self.settings
        resting = None if s.resting_hr_bpm is not None else pace_resting(self.mornings, day)
        test = self._test_on(day) if s.use_exercise_test else None
        resting_bpm = s.resting_hr_bpm if resting is None else resting.bpm
        if resting_bpm is None and test is not None:  # as the core does: the test's own resting heart rate
            resting_bpm = test.values.resting_hr_bpm
        age = float(day.year - self.birth_year) if self.birth_year else None
        values = dataclasses.replace(test.values if test else ExerciseTestValues(), vt1_hr_bpm=s.vt1_hr_bpm)
        try:
            lines = pace_thresholds(
                resting_bpm,
                age,
                rule=s.rule,  # type: ignore[arg-type]
                ceiling_rule=s.ceiling_rule,  # type: ignore[arg-type]
                hrmax_rule=s.hrmax_rule,  # type: ignore[arg-type]
                test=values,
                threshold_bpm=s.threshold_bpm,
                ceiling_bpm=s.ceiling_bpm,
            )
        except ValueError as error:
            why = resting.explanation if resting is not None and resting.bpm is None else ""
            problem = f"No heart-rate lines for {day.isoformat()} yet ({error}). {why}".strip()
            return DayLines(day, None, problem, resting, resting_bpm, test, age, "")
        return DayLines(day, lines, "", resting, resting_bpm, test, age, lines_key(lines))

    def _test_on(self, day: dt.date) -> TestUsed | None:
        index = bisect.bisect_right([t.day for t in self.tests], day)
        return self.tests[index - 1] if index else None


def lines_key(lines: PacingThresholds) -> str:
    """A short hash of what a review depends on: both lines, the zone settings and fibrokit's version."""
    parts = {
        "threshold": lines.threshold.bpm,
        "ceiling": lines.ceiling.bpm,
        "dwell_s": fact("pacing.zones.dwell_s").value,
        "hysteresis_bpm": fact("pacing.zones.hysteresis_bpm").value,
        "version": __version__,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def settings_of(session: Session, user_id: int) -> PacingSettings:
    """The person's stored settings, or the defaults (not added to the session) when they have none."""
    stored = session.get(PacingSettings, user_id)
    if stored is not None:
        return stored
    defaults = {c.name: c.default.arg for c in PacingSettings.__table__.columns if c.default is not None}
    defaults.pop("updated_at", None)
    return PacingSettings(user_id=user_id, **{k: v for k, v in defaults.items() if not callable(v)})


def load_inputs(session: Session, user_id: int, on: dt.date | None = None) -> Inputs:
    """The person's settings, year of birth, morning resting heart rates and scored exercise tests.

    With ``on``, only what the lines of that one day need (its window of mornings, the newest test by then):
    what a page about one day reads.
    """
    user = session.get(User, user_id)
    since = on - dt.timedelta(days=int(fact("pacing.resting.days").scalar()) - 1) if on is not None else None
    days, resting = pacing_queries.morning_resting(session, user_id, since, on)
    tests = [
        TestUsed(recording_id, day, ExerciseTestValues(peak, rest))
        for recording_id, day, peak, rest in pacing_queries.exercise_tests(session, user_id, on)
    ]
    return Inputs(
        settings_of(session, user_id),
        user.birth_year if user is not None else None,
        user.sex if user is not None else "",
        Mornings(days, np.full(len(days), np.nan), resting),
        tests,
    )


def lines_for(session: Session, user_id: int, day: dt.date) -> DayLines:
    """The lines in force on ``day``."""
    return load_inputs(session, user_id, day).lines_on(day)


def review_day(row: RecordingRow) -> dt.date:
    """The day whose lines judge a recording: its own day, else the day it was imported."""
    return row.local_day or (row.start_utc or row.created_at or utcnow()).date()


def flagged_beats(session: Session, recording_id: int) -> BeatSeries | None:
    """A stored recording's beats with the artefact flags of its analysis (None without enough beats)."""
    stored = pacing_queries.beat_blobs(session, recording_id)
    if "beats" not in stored or "flags" not in stored:
        return None
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
