"""Pacing on stored data: the heart-rate lines in force on a day, from the person's settings and data.

Each day has its own lines: the person's rules (``PacingSettings``), their age that year, the newest scored
exercise test on or before that day, and a resting heart rate typed in or taken from the mornings before it
(:func:`~fibrokit.pacing.pace_resting`). Each recording is reviewed with the lines of its day
(:mod:`fibrokit.services.pacing.reviews`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import numpy as np

from fibrokit._version import __version__
from fibrokit.evidence import fact
from fibrokit.pacing import (
    ExerciseTestValues,
    Mornings,
    PacingThresholds,
    RestingHr,
    pace_resting,
    pace_thresholds,
)
from fibrokit.pacing.pace_resting import RESTING_EVIDENCE
from fibrokit.services.pacing import queries
from fibrokit.services.pacing.queries import Session
from fibrokit.store.tables import PacingSettings

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
    stored = queries.stored_settings(session, user_id)
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
    user = queries.person(session, user_id)
    since = on - dt.timedelta(days=int(fact("pacing.resting.days").scalar()) - 1) if on is not None else None
    days, resting = queries.morning_resting(session, user_id, since, on)
    tests = [
        TestUsed(recording_id, day, ExerciseTestValues(peak, rest))
        for recording_id, day, peak, rest in queries.exercise_tests(session, user_id, on)
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
