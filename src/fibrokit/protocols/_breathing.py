"""The signature of paced deep breathing on the heart-rate curve, told apart from the slow waves of rest.

At rest heart rate carries slow (~0.1 Hz) waves too, but they wander in size and phase: in the real shared
recordings a sine at the paced rate never explains most of a minute of resting heart rate. Paced breathing at six a
minute drives a swing that is regular breath after breath and much larger than any slow wave of the rest around it.
So a stretch is taken for paced breathing only when, for at least a minute, a sine at about the paced rate explains
most of heart rate (``protocols.shape.deep_breathing_regularity``), swings by at least
``protocols.shape.deep_breathing_swing_bpm``, and swings ``protocols.shape.deep_breathing_contrast`` times more
than the largest slow wave at that rate anywhere else in the recording. A recording with no rest to compare with
must swing by ``protocols.shape.deep_breathing_alone_swing_bpm``.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import median_filter

from fibrokit.evidence import fact
from fibrokit.protocols import _hr
from fibrokit.records import BeatSeries

FloatArray = _hr.FloatArray
_MINUTE_S = 60.0


def breathing_like(beats: BeatSeries) -> bool:
    """Whether the beats hold a minute or more of paced deep breathing that stands out from the rest."""
    times, hr = _hr.rate(beats)
    if times.size < _key("breathing_min_beats") or times[-1] - times[0] < _MINUTE_S:
        return False
    # A running median of a few beats: one missed or extra beat the filter left must not break a breath's shape.
    hr = median_filter(hr, size=int(_key("breathing_median_beats")), mode="nearest")
    grid = np.arange(times[0], times[-1], _key("breathing_grid_s"))
    level = np.interp(grid, times, hr)
    paced = fact("protocols.deep_breathing.rate_per_min").scalar()
    step = _key("breathing_rate_step_per_min")
    rates = (paced + step * np.arange(-round(1.0 / step), round(1.0 / step) + 1)) / 60.0
    every = _key("breathing_window_step_s")
    starts = grid[0] + every * np.arange(int((grid[-1] - _MINUTE_S - grid[0]) // every) + 1)
    return any(_stands_out(grid, level, starts, hz) for hz in rates)


def _stands_out(grid: FloatArray, level: FloatArray, starts: FloatArray, hz: float) -> bool:
    """Whether a regular, wide minute at ``hz`` swings far more than every stretch of rest outside it.

    The rest is every stretch (a minute, or a shorter piece of at least ``breathing_rest_s`` at either end)
    wholly outside the minute that is not itself regular and wide: so a longer paced breathing is not compared
    with its own other breaths.
    """
    fits = [_sine(grid, level, float(start), _MINUTE_S, hz) for start in starts]
    passing = [_wide_and_regular(*fit) for fit in fits]
    least = _key("breathing_rest_s")
    for k in np.flatnonzero(passing):
        low, high = float(starts[k]), float(starts[k]) + _MINUTE_S
        rest = [
            fits[j][1]
            for j in range(len(starts))
            if not passing[j] and (starts[j] + _MINUTE_S <= low or starts[j] >= high)
        ]
        for first, last in ((float(grid[0]), low), (high, float(grid[-1]))):
            if least <= last - first < _MINUTE_S:
                shared, swing = _sine(grid, level, first, last - first, hz)
                if not _wide_and_regular(shared, swing):
                    rest.append(swing)
        if not rest:
            if fits[k][1] >= fact("protocols.shape.deep_breathing_alone_swing_bpm").scalar():
                return True
        elif fits[k][1] >= fact("protocols.shape.deep_breathing_contrast").scalar() * max(rest):
            return True
    return False


def _wide_and_regular(shared: float, swing: float) -> bool:
    regular = fact("protocols.shape.deep_breathing_regularity").scalar()
    return shared >= regular and swing >= fact("protocols.shape.deep_breathing_swing_bpm").scalar()


def _sine(grid: FloatArray, level: FloatArray, start: float, length: float, hz: float) -> tuple[float, float]:
    """Share of the stretch's variance (after its linear trend) a sine at ``hz`` explains, and its peak-to-trough."""
    inside = (grid >= start) & (grid < start + length)
    t, y = grid[inside] - start, level[inside]
    if t.size < 4:
        return 0.0, 0.0
    y = y - np.polyval(np.polyfit(t, y, 1), t)
    total = float(np.sum(y**2))
    wave = np.column_stack([np.sin(2 * np.pi * hz * t), np.cos(2 * np.pi * hz * t)])
    coef = np.linalg.lstsq(wave, y, rcond=None)[0]
    shared = 1.0 - float(np.sum((y - wave @ coef) ** 2)) / total if total > 0.0 else 0.0
    return shared, 2.0 * float(np.hypot(*coef))


def _key(name: str) -> float:
    """One of recognition's conventions (``protocols.recognition.*`` in the evidence registry)."""
    return fact(f"protocols.recognition.{name}").scalar()
