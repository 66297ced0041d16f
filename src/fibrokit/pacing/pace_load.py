"""Exertion load: points that accrue above the exertion threshold, faster the higher and the longer one stays.

The model (fibrokit's own, every constant in the evidence registry as a convention):

* Below the exertion threshold T nothing accrues.
* At T points accrue at 1 a minute; the rate grows exponentially with heart rate, reaching 4 times that at the
  ceiling C: rate = 1 × 4^((HR − T) / (C − T)) points a minute (an exponential weighting of relative heart
  rate, as in Banister's TRIMP).
* The rate doubles for every 10 minutes spent continuously above T, up to 4 times; time below T drains that
  count at the same pace, so a short pause does not reset it but a real rest does.

So 10 minutes just at the threshold cost about 14 points, 10 minutes at the ceiling about 58, and 30 minutes at
the ceiling about 330: long bouts near the ceiling cost far more than the same time split up or done lower.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fibrokit.evidence import fact
from fibrokit.pacing._state import LoadMeter, beats_hr
from fibrokit.pacing.pace_thresholds import PacingThresholds
from fibrokit.records import BeatSeries, FloatArray

LOAD_EVIDENCE = (
    "pacing.load.points_per_min",
    "pacing.load.ceiling_ratio",
    "pacing.load.doubling_s",
    "pacing.load.duration_cap",
)


@dataclass(frozen=True, eq=False)
class LoadTrace:
    """Exertion points over a recording.

    Attributes
    ----------
    times_s : array of float
        Sample times.
    points : array of float
        Cumulative points at each sample.
    total : float
        Points for the whole recording.
    minutes_above_threshold : float
        Time spent at or above the exertion threshold.
    model : str
        The load model in one sentence.
    evidence : tuple of str
        Registry keys of the model's constants.
    """

    times_s: FloatArray
    points: FloatArray
    total: float
    minutes_above_threshold: float
    model: str
    evidence: tuple[str, ...] = LOAD_EVIDENCE


def load_model_sentence() -> str:
    """The load model in one plain sentence, with the constants in force."""
    base = fact("pacing.load.points_per_min").scalar()
    ratio = fact("pacing.load.ceiling_ratio").scalar()
    doubling = fact("pacing.load.doubling_s").scalar() / 60.0
    cap = fact("pacing.load.duration_cap").scalar()
    return (
        f"{base:g} point a minute at the exertion threshold, {ratio:g} times as fast at the ceiling (exponential "
        f"in between), doubling for every {doubling:g} minutes continuously above the threshold (up to {cap:g} "
        "times); nothing below the threshold"
    )


def pace_load(beats: BeatSeries, thresholds: PacingThresholds) -> LoadTrace:
    """Compute exertion points over a recording.

    Parameters
    ----------
    beats : BeatSeries
        Beats with artefacts flagged; only normal beats are used, and gaps longer than 5 s add nothing.
    thresholds : PacingThresholds
        The exertion threshold and the ceiling.

    Returns
    -------
    LoadTrace

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries
    >>> from fibrokit.pacing import pace_load, pace_thresholds
    >>> lines = pace_thresholds(70, 50, threshold_bpm=100, ceiling_bpm=120)
    >>> round(pace_load(BeatSeries.from_rr(np.full(600, 600.0)), lines).total, 1)  # 6 min at 100 bpm
    7.4
    """
    times, hr = beats_hr(beats)
    meter = LoadMeter(thresholds)
    points = np.zeros(times.size)
    steps = np.diff(times, prepend=times[:1])
    above = 0.0
    for i in range(times.size):
        meter.update(float(steps[i]), float(hr[i]))
        points[i] = meter.points
        if hr[i] >= thresholds.threshold.bpm and steps[i] <= 5.0:
            above += float(steps[i])
    return LoadTrace(times, points, float(meter.points), above / 60.0, load_model_sentence())
