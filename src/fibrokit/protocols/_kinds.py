"""Signatures of the short tests on the heart-rate curve: a Valsalva strain, paced deep breathing, standing up.

Paced deep breathing is recognised by a regular swing at the paced rate that stands out from the slow waves of the
rest around it (see :mod:`fibrokit.protocols._breathing`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from fibrokit.evidence import fact
from fibrokit.protocols import _hr, _shape
from fibrokit.protocols._breathing import breathing_like
from fibrokit.records import BeatSeries

FloatArray = _hr.FloatArray


def short_test(beats: BeatSeries) -> str | None:
    """``"valsalva"`` or ``"active-stand"`` when the curve shows its signature, else None."""
    times, curve = _shape.grid_curve(beats)
    if times.size < _key("short_test_min_s"):
        return None
    if _valsalva_like(times, curve):
        return "valsalva"
    if breathing_like(beats):
        return "deep-breathing"
    if _stand_like(beats):
        return "active-stand"
    return None


def _valsalva_like(times: FloatArray, curve: FloatArray) -> bool:
    """A brief surge: heart rate climbs well above its resting level and is back within a minute, once."""
    if times[-1] - times[0] > fact("protocols.shape.longest_valsalva_s").scalar():
        return False
    finite = np.isfinite(curve)
    base = float(np.median(curve[finite & (times <= times[0] + _key("valsalva_rest_s"))]))
    peak_i = int(np.nanargmax(curve))
    surge = float(curve[peak_i]) - base
    if surge < fact("protocols.shape.valsalva_surge_bpm").scalar():
        return False
    after = finite & (times > times[peak_i]) & (times <= times[peak_i] + 60.0)
    before = finite & (times < times[peak_i]) & (times >= times[peak_i] - 60.0)
    back = _key("valsalva_back_share")
    back_after = after.any() and float(np.min(curve[after])) <= base + back * surge
    calm_before = before.any() and float(np.min(curve[before])) <= base + back * surge
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
    gap, rise, peak_mean = (int(_key(k)) for k in ("stand_before_gap_s", "stand_rise_s", "stand_peak_mean_s"))
    settled_from, settled_to = (int(s) for s in fact("protocols.recognition.stand_settled_s").pair())
    held_to = int(_key("stand_held_until_s"))
    for x in range(60, grid.size - held_to, int(_key("stand_search_step_s"))):
        before = mean(x - 60, x - gap)
        held = mean(x + settled_from, x + held_to) - before
        if held < step_needed or mean(x, x + rise) - before < 2 * step_needed:
            continue
        if mean(grid.size - 60, grid.size) - before < 0.5 * held:
            return False  # heart rate came back down: the person sat or lay down again, not a stand
        # The signature of standing up: heart rate peaks within 30 s, then settles lower (the 30:15 pattern).
        highest = max(mean(i, i + peak_mean) for i in range(x, x + rise))
        settled = mean(x + settled_from, x + settled_to)
        return highest - settled >= overshoot or _abrupt(mean, x, before, held)
    return False


def _abrupt(mean: Callable[[int, int], float], x: int, before: float, held: float) -> bool:
    """Whether heart rate (5-s means) got from half its held rise to nearly all of it within seconds."""
    share = fact("protocols.shape.stand_abrupt_share").scalar()
    within = int(fact("protocols.shape.stand_abrupt_s").scalar())
    gap, rise, peak_mean = (int(_key(k)) for k in ("stand_before_gap_s", "stand_rise_s", "stand_peak_mean_s"))
    rises = [mean(i, i + peak_mean) - before for i in range(x - gap, x + rise + peak_mean)]
    onset = next((i for i, rise in enumerate(rises) if rise >= 0.5 * held), None)
    return onset is not None and max(rises[onset : onset + within + 1]) >= share * held


def _key(name: str) -> float:
    """One of recognition's conventions (``protocols.recognition.*`` in the evidence registry)."""
    return fact(f"protocols.recognition.{name}").scalar()
