"""The two small state machines behind zones and load, shared by offline analysis and the live monitor.

* :class:`ZoneTracker` turns heart-rate samples into a zone with **hysteresis** (a zone is entered at its line
  and left only ``hysteresis_bpm`` below it) and a **minimum dwell** (a new zone must hold ``dwell_s`` before it
  is shown). After a change at time t the next change needs the new candidate to hold over ``(t, t + dwell]``,
  so the shown zone changes at most once per dwell period.
* :class:`LoadMeter` integrates exertion points (see :mod:`fibrokit.pacing.pace_load` for the model).
"""

from __future__ import annotations

import math
from enum import IntEnum

import numpy as np

from fibrokit.evidence import fact
from fibrokit.pacing.pace_thresholds import PacingThresholds
from fibrokit.records import BeatSeries, FloatArray

# Samples further apart than this are a gap in the data: the gap adds neither time in zone nor load.
MAX_STEP_S = 5.0


class PaceZone(IntEnum):
    """The three pacing zones."""

    REST = 0
    ACTIVE = 1
    OVER = 2

    @property
    def label(self) -> str:
        """Plain-language name."""
        return ("rest", "activity", "over ceiling")[self]


def zone_of(hr_bpm: float, threshold_bpm: float, ceiling_bpm: float) -> PaceZone:
    """The zone a heart rate falls in, with no hysteresis."""
    if hr_bpm >= ceiling_bpm:
        return PaceZone.OVER
    return PaceZone.ACTIVE if hr_bpm >= threshold_bpm else PaceZone.REST


class ZoneTracker:
    """Zone with hysteresis and minimum dwell, fed one sample at a time."""

    def __init__(self, thresholds: PacingThresholds, dwell_s: float, hysteresis_bpm: float) -> None:
        if dwell_s < 0 or hysteresis_bpm < 0:
            raise ValueError("`dwell_s` and `hysteresis_bpm` must not be negative")
        self.threshold = thresholds.threshold.bpm
        self.ceiling = thresholds.ceiling.bpm
        self.dwell_s = dwell_s
        self.hysteresis = hysteresis_bpm
        self.zone: PaceZone | None = None
        self.candidate: PaceZone | None = None
        self._pending_since: float | None = None

    def update(self, time_s: float, hr_bpm: float) -> PaceZone | None:
        """Feed a sample; return the new zone when the shown zone changes, else None."""
        self._update_candidate(hr_bpm)
        assert self.candidate is not None
        if self.zone is None:  # the first sample sets the zone at once: there is nothing to flicker from
            self.zone = self.candidate
            return self.zone
        if self.candidate == self.zone:
            self._pending_since = None
            return None
        if self._pending_since is None:
            self._pending_since = time_s
        if time_s - self._pending_since >= self.dwell_s:
            self.zone = self.candidate
            self._pending_since = None
            return self.zone
        return None

    def _update_candidate(self, hr_bpm: float) -> None:
        raw = zone_of(hr_bpm, self.threshold, self.ceiling)
        if self.candidate is None or raw >= self.candidate:
            if self.candidate is not None and raw != self.candidate:
                self._pending_since = None  # a different candidate starts its own dwell
            self.candidate = raw
            return
        lowered = zone_of(hr_bpm, self.threshold - self.hysteresis, self.ceiling - self.hysteresis)
        if lowered < self.candidate:
            self._pending_since = None
            self.candidate = lowered


class LoadMeter:
    """Exertion points: nothing below the threshold, faster the higher and the longer above it."""

    def __init__(self, thresholds: PacingThresholds) -> None:
        self.threshold = thresholds.threshold.bpm
        self.span = max(thresholds.ceiling.bpm - thresholds.threshold.bpm, 1.0)
        self.base_per_s = fact("pacing.load.points_per_min").scalar() / 60.0
        self.log_ratio = math.log(fact("pacing.load.ceiling_ratio").scalar())
        self.doubling_s = fact("pacing.load.doubling_s").scalar()
        self.cap = fact("pacing.load.duration_cap").scalar()
        self.points = 0.0
        self.above_s = 0.0  # time "charged" above the threshold; it drains as fast while below
        self.rate_per_min = 0.0

    def rate(self, hr_bpm: float) -> float:
        """Points per second at this heart rate and the current time above the threshold."""
        if hr_bpm < self.threshold:
            return 0.0
        intensity = math.exp(self.log_ratio * (hr_bpm - self.threshold) / self.span)
        duration = min(self.cap, 2.0 ** (self.above_s / self.doubling_s))
        return float(self.base_per_s * intensity * duration)

    def update(self, step_s: float, hr_bpm: float) -> float:
        """Add the load of ``step_s`` seconds at ``hr_bpm``; return the points added."""
        if step_s <= 0 or step_s > MAX_STEP_S:
            return 0.0
        added = self.rate(hr_bpm) * step_s
        self.rate_per_min = self.rate(hr_bpm) * 60.0
        self.above_s = self.above_s + step_s if hr_bpm >= self.threshold else max(0.0, self.above_s - step_s)
        self.points += added
        return added


def beats_hr(series: BeatSeries) -> tuple[FloatArray, FloatArray]:
    """Times and beat-to-beat heart rates of the normal beats with a plausible rate."""
    low, high = fact("pacing.hr.plausible_bpm").pair()
    hr = 60000.0 / series.rr_ms
    keep = series.normal & (hr >= low) & (hr <= high)
    return np.asarray(series.times_s[keep], dtype=np.float64), np.asarray(hr[keep], dtype=np.float64)
