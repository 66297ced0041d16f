"""Signatures of the short tests on the heart-rate curve: a Valsalva strain, paced deep breathing, standing up.

Paced deep breathing is recognised only when its swing is large and regular (``protocols.shape.deep_breathing_*``):
a smaller swing looks like the slow (~0.1 Hz) waves of a resting heart rate, so such a test must be marked or
named by the person.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from fibrokit.evidence import fact
from fibrokit.protocols import _hr, _shape
from fibrokit.records import BeatSeries

FloatArray = _hr.FloatArray


def short_test(beats: BeatSeries) -> str | None:
    """``"valsalva"`` or ``"active-stand"`` when the curve shows its signature, else None."""
    times, curve = _shape.grid_curve(beats)
    if times.size < 90:
        return None
    if _valsalva_like(times, curve):
        return "valsalva"
    if _breathing_like(beats):
        return "deep-breathing"
    if _stand_like(beats):
        return "active-stand"
    return None


def _valsalva_like(times: FloatArray, curve: FloatArray) -> bool:
    """A brief surge: heart rate climbs well above its resting level and is back within a minute, once."""
    if times[-1] - times[0] > fact("protocols.shape.longest_valsalva_s").scalar():
        return False
    finite = np.isfinite(curve)
    base = float(np.median(curve[finite & (times <= times[0] + 30.0)]))
    peak_i = int(np.nanargmax(curve))
    surge = float(curve[peak_i]) - base
    if surge < fact("protocols.shape.valsalva_surge_bpm").scalar():
        return False
    after = finite & (times > times[peak_i]) & (times <= times[peak_i] + 60.0)
    before = finite & (times < times[peak_i]) & (times >= times[peak_i] - 60.0)
    back_after = after.any() and float(np.min(curve[after])) <= base + 0.25 * surge
    calm_before = before.any() and float(np.min(curve[before])) <= base + 0.25 * surge
    return bool(back_after and calm_before)


def _stand_like(beats: BeatSeries) -> bool:
    """Standing up: heart rate steps up at once from a still level and holds the higher level to the end.

    At once means either the 30:15 pattern (a peak within 30 s that then settles lower) or a step that reaches
    its held level within seconds (``protocols.shape.stand_abrupt_*``); starting to walk climbs for minutes.
    """
    times, hr = _hr.rate(beats)
    if times.size < 60:
        return False
    grid = np.arange(np.ceil(times[0]), np.floor(times[-1]))
    level = np.interp(grid, times, hr)
    step_needed = fact("protocols.shape.stand_step_bpm").scalar()
    total = np.concatenate(([0.0], np.cumsum(level)))

    def mean(lo: int, hi: int) -> float:
        return float((total[hi] - total[lo]) / (hi - lo))

    overshoot = fact("protocols.shape.stand_overshoot_bpm").scalar()
    for x in range(60, grid.size - 150, 5):
        before = mean(x - 60, x - 5)
        held = mean(x + 40, x + 150) - before
        if held < step_needed or mean(x, x + 30) - before < 2 * step_needed:
            continue
        if mean(grid.size - 60, grid.size) - before < 0.5 * held:
            return False  # heart rate came back down: the person sat or lay down again, not a stand
        # The signature of standing up: heart rate peaks within 30 s, then settles lower (the 30:15 pattern).
        highest = max(mean(i, i + 5) for i in range(x, x + 30))
        return highest - mean(x + 40, x + 120) >= overshoot or _abrupt(mean, x, before, held)
    return False


def _abrupt(mean: Callable[[int, int], float], x: int, before: float, held: float) -> bool:
    """Whether heart rate (5-s means) got from half its held rise to nearly all of it within seconds."""
    share = fact("protocols.shape.stand_abrupt_share").scalar()
    within = int(fact("protocols.shape.stand_abrupt_s").scalar())
    rises = [mean(i, i + 5) - before for i in range(x - 5, x + 35)]
    onset = next((i for i, rise in enumerate(rises) if rise >= 0.5 * held), None)
    return onset is not None and max(rises[onset : onset + within + 1]) >= share * held


def _breathing_like(beats: BeatSeries) -> bool:
    """Paced deep breathing: for a minute, heart rate swings like a sine at about the paced rate, widely."""
    times, hr = _hr.rate(beats)
    if times.size < 30 or times[-1] - times[0] < 60.0:
        return False
    paced = fact("protocols.deep_breathing.rate_per_min").scalar()
    swing = fact("protocols.shape.deep_breathing_swing_bpm").scalar()
    regular = fact("protocols.shape.deep_breathing_regularity").scalar()
    grid = np.arange(times[0], times[-1], 0.25)
    level = np.interp(grid, times, hr)
    rates = np.arange(paced - 1.0, paced + 1.01, 0.25) / 60.0
    for start in np.arange(grid[0], grid[-1] - 60.0 + 1e-9, 5.0):
        inside = (grid >= start) & (grid < start + 60.0)
        t, y = grid[inside] - start, level[inside]
        y = y - np.polyval(np.polyfit(t, y, 1), t)
        total = float(np.sum(y**2))
        if total <= 0.0:
            continue
        for hz in rates:
            wave = np.column_stack([np.sin(2 * np.pi * hz * t), np.cos(2 * np.pi * hz * t)])
            coef = np.linalg.lstsq(wave, y, rcond=None)[0]
            explained = 1.0 - float(np.sum((y - wave @ coef) ** 2)) / total
            if explained >= regular and 2.0 * float(np.hypot(*coef)) >= swing:
                return True
    return False
