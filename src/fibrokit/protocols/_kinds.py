"""Signatures of the short tests on the heart-rate curve: a Valsalva strain and its overshoot, standing up.

Paced deep breathing has no signature fibrokit trusts on the curve alone (slow breathing at rest looks the
same), so it is recognised only by its marker or named by the person.
"""

from __future__ import annotations

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
    """Standing up: a quick rise that peaks and settles into a higher level held for minutes."""
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
        if mean(x + 30, x + 150) - before < step_needed or mean(x, x + 30) - before < 2 * step_needed:
            continue
        # The signature of standing up: heart rate peaks within 30 s, then settles lower (the 30:15 pattern).
        highest = max(mean(i, i + 5) for i in range(x, x + 30))
        return highest - mean(x + 40, x + 120) >= overshoot
    return False
