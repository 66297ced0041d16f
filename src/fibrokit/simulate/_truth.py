"""Ground-truth quantities from the simulator's own beats and phase times.

These are computed from the unrounded beat times the model generated and the exact moments each phase began,
with direct code written independently of ``fibrokit.protocols``; a protocol must recover them from the
recording (rounded intervals, phases found from markers or detected).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

HR_WINDOW_S = 5.0  # heart rate "at a moment" is the mean beat rate over 5 s centred on it


def beat_rate(beat_times_s: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Times and instantaneous heart rates (bpm) of the intervals ending at each beat."""
    return beat_times_s[1:], 60.0 / np.diff(beat_times_s)


def hr_at(beat_times_s: FloatArray, moment_s: float) -> float:
    """Mean instantaneous heart rate of the beats within ±2.5 s of ``moment_s``."""
    times, rate = beat_rate(beat_times_s)
    inside = np.abs(times - moment_s) <= HR_WINDOW_S / 2
    return float(np.mean(rate[inside]))


def mean_hr(beat_times_s: FloatArray, start_s: float, end_s: float) -> float:
    """Mean instantaneous heart rate of the beats in ``[start_s, end_s)``."""
    times, rate = beat_rate(beat_times_s)
    return float(np.mean(rate[(times >= start_s) & (times < end_s)]))


def peak_hr(beat_times_s: FloatArray, start_s: float, end_s: float) -> float:
    """Highest 5-s heart rate centred on any beat in ``[start_s, end_s]``."""
    times, rate = beat_rate(beat_times_s)
    cumulative = np.concatenate(([0.0], np.cumsum(rate)))
    lo = np.searchsorted(times, times - HR_WINDOW_S / 2, side="left")
    hi = np.searchsorted(times, times + HR_WINDOW_S / 2, side="right")
    smoothed = (cumulative[hi] - cumulative[lo]) / (hi - lo)
    inside = (times >= start_s) & (times <= end_s)
    return float(np.max(smoothed[inside]))


def rr_after(beat_times_s: FloatArray, moment_s: float) -> FloatArray:
    """RR intervals (ms) of the beats after ``moment_s``, in order."""
    times = beat_times_s[1:]
    rr = np.diff(beat_times_s) * 1000.0
    return np.asarray(rr[times > moment_s], dtype=np.float64)
