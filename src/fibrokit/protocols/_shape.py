"""Does a heart-rate curve have the shape of an exercise test? Rest, one graded rise to a peak, then recovery.

fibrokit scores an exercise test only when the curve fits the test's definition; anything else is an activity.
Every threshold here is a processing convention in the evidence registry (``protocols.shape.*``), stated with
its reasoning; none of them interprets a person's values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fibrokit.evidence import fact
from fibrokit.protocols import _hr
from fibrokit.records import BeatSeries, Recording

FloatArray = _hr.FloatArray


@dataclass(frozen=True)
class ExerciseShape:
    """What the curve shows: whether it fits an exercise test, why not, and the phases it found.

    ``reason`` is empty when it fits, else a clause saying what does not fit (it follows "not scored as an
    exercise test: "). The phases are ``(start_s, end_s)``; ``recovery`` ends at the end of the recording or
    where effort started again.
    """

    fits: bool
    reason: str
    rest: tuple[float, float] = (0.0, 0.0)
    exercise: tuple[float, float] = (0.0, 0.0)
    recovery: tuple[float, float] = (0.0, 0.0)


def grid_curve(beats: BeatSeries) -> tuple[FloatArray, FloatArray]:
    """Heart rate once a second: the mean of the usable beats within ``protocols.shape.smooth_s`` around it.

    NaN where no usable beat lies in the window (a gap), so a gap can never look like a fall or a rise.
    """
    times, hr = _hr.rate(beats)
    if times.size == 0:
        return np.zeros(0), np.zeros(0)
    half = fact("protocols.shape.smooth_s").scalar() / 2
    grid = np.arange(np.ceil(times[0]), np.floor(times[-1]) + 1.0)
    total = np.concatenate(([0.0], np.cumsum(hr)))
    lo = np.searchsorted(times, grid - half, side="left")
    hi = np.searchsorted(times, grid + half, side="right")
    with np.errstate(invalid="ignore", divide="ignore"):
        curve = np.where(hi > lo, (total[hi] - total[lo]) / np.maximum(hi - lo, 1), np.nan)
    return grid, np.asarray(curve, dtype=np.float64)


def recovery_end(times: FloatArray, curve: FloatArray, stop_s: float) -> float:
    """Where recovery after ``stop_s`` ends: before renewed effort, else at the end of the curve.

    Renewed effort is heart rate climbing ``protocols.shape.renewed_effort_bpm`` above the lowest it reached
    and staying there for ``protocols.shape.renewed_effort_s``; recovery ends at that lowest point.
    """
    after = (times >= stop_s) & np.isfinite(curve)
    t, y = times[after], curve[after]
    if t.size == 0:
        return stop_s
    lowest = np.minimum.accumulate(y)
    up = (y - lowest >= fact("protocols.shape.renewed_effort_bpm").scalar()).astype(float)
    hold = int(fact("protocols.shape.renewed_effort_s").scalar())
    if up.size < hold:
        return float(t[-1])
    held = np.flatnonzero(np.convolve(up, np.ones(hold), "valid") >= hold)
    if held.size == 0:
        return float(t[-1])
    first = int(held[0])
    return float(t[int(np.argmin(y[: first + 1]))])


def exercise_shape(recording: Recording, beats: BeatSeries) -> ExerciseShape:
    """Judge whether the heart-rate curve of ``beats`` has the shape of a graded exercise test.

    It fits when: heart rate rises at least ``protocols.min_exercise_rise_bpm`` above its first minute; the
    rise starts after a quiet rest (no movement channel showing movement, heart rate near its first minute);
    the effort climbs to one peak (heart rate first comes near it, within ``protocols.shape.near_peak_share`` of
    the rise, only after ``protocols.shape.late_peak_share`` of the effort) and never falls back by more than
    ``protocols.shape.dip_share`` of the rise before the peak (intervals do); and after the
    peak heart rate falls for at least ``protocols.shape.min_recovery_s`` with no renewed effort, and effort
    does not start again before the recording ends.
    """
    times, curve = grid_curve(beats)
    if times.size < 60 or not np.isfinite(curve).any():
        return ExerciseShape(False, "it holds too little heart rate to show an exercise test")
    if times[-1] - times[0] > fact("protocols.longest_exercise_test_s").scalar():
        return ExerciseShape(False, "it lasts longer than any exercise test, over 2 hours")
    first = np.isfinite(curve) & (times <= times[0] + fact("protocols.rest_window_s").scalar())
    if first.sum() < fact("protocols.recognition.first_minute_min_s").scalar():
        return ExerciseShape(False, "its first minute holds too little heart rate for a resting level")
    baseline = float(np.median(curve[first]))
    peak_i = int(np.nanargmax(curve))
    rise = float(curve[peak_i]) - baseline
    needed = fact("protocols.min_exercise_rise_bpm").scalar()
    if rise < needed:
        return ExerciseShape(False, f"heart rate rose only {rise:.0f} bpm above its first minute")
    high = np.nan_to_num(curve, nan=-np.inf) >= baseline + 0.5 * rise
    before_peak = np.flatnonzero(~high[: peak_i + 1])
    onset_i = int(before_peak[-1]) + 1 if before_peak.size else 0
    low = np.flatnonzero(
        np.nan_to_num(curve[:onset_i], nan=np.inf)
        <= baseline + fact("protocols.recognition.rest_end_share").scalar() * rise
    )
    if low.size == 0 or times[low[-1]] - times[0] < fact("protocols.min_rest_before_exercise_s").scalar():
        return ExerciseShape(False, "there is no resting stretch before the effort")
    start_s = float(times[low[-1]])
    moving = _hr.moving_during(recording, max(float(times[0]), start_s - 60.0), start_s)
    if moving is not None:
        return ExerciseShape(False, f"the {moving} channel shows movement during the rest before the effort")
    return _effort_and_recovery(times, curve, baseline, rise, float(times[0]), start_s, peak_i)


def _effort_and_recovery(
    times: FloatArray, curve: FloatArray, baseline: float, rise: float, t0: float, start_s: float, peak_i: int
) -> ExerciseShape:
    effort = (times >= start_s) & (times <= times[peak_i]) & np.isfinite(curve)
    if times[peak_i] - start_s < fact("protocols.shape.min_exercise_s").scalar():
        return ExerciseShape(False, "the effort before the peak is too short for an exercise test")
    y = curve[effort]
    dip = float(np.max(np.maximum.accumulate(y) - y))
    if dip > fact("protocols.shape.dip_share").scalar() * rise:
        return ExerciseShape(
            False, f"heart rate fell back {dip:.0f} bpm during the effort before its peak, as in intervals"
        )
    near_level = float(curve[peak_i]) - fact("protocols.shape.near_peak_share").scalar() * rise
    near = np.flatnonzero(effort & (curve >= near_level))
    reached = (float(times[near[0]]) - start_s) / (float(times[peak_i]) - start_s)
    if reached < fact("protocols.shape.late_peak_share").scalar():
        return ExerciseShape(
            False,
            "heart rate came near its peak early in the effort and stayed there, as in a steady bout or "
            "intervals rather than a graded test",
        )
    climb_s = _upper_climb_s(times, curve, baseline, rise, peak_i)
    if climb_s < fact("protocols.shape.graded_climb_s").scalar():
        return ExerciseShape(
            False,
            f"heart rate climbed from half its rise to near its peak in {climb_s:.0f} s, as at the start of an "
            "interval, not over the stages of a graded test",
        )
    stop_s = _stop(times, curve, baseline, rise, peak_i)
    end_s = recovery_end(times, curve, stop_s)
    if end_s - stop_s < fact("protocols.shape.min_recovery_s").scalar():
        what = "effort started again" if end_s < times[-1] else "the recording ends"
        return ExerciseShape(False, f"{what} {end_s - stop_s:.0f} s after the peak, too soon for a recovery")
    later = (times > end_s) & (np.nan_to_num(curve, nan=-np.inf) >= baseline + 0.5 * rise)
    if later.any():
        return ExerciseShape(
            False, "after the recovery heart rate climbed back to an effort, as in intervals"
        )
    return ExerciseShape(True, "", (t0, start_s), (start_s, stop_s), (stop_s, end_s))


def _upper_climb_s(times: FloatArray, curve: FloatArray, baseline: float, rise: float, peak_i: int) -> float:
    """Seconds heart rate took, the last time it climbed to the peak, from half its rise to near the peak."""
    before = np.nan_to_num(curve[: peak_i + 1], nan=-np.inf)
    below = np.flatnonzero(before < baseline + 0.5 * rise)
    half_i = int(below[-1]) + 1 if below.size else 0
    near_level = float(curve[peak_i]) - fact("protocols.shape.near_peak_share").scalar() * rise
    near_i = half_i + int(np.flatnonzero(before[half_i:] >= near_level)[0])
    return float(times[near_i] - times[half_i])


def _stop(times: FloatArray, curve: FloatArray, baseline: float, rise: float, peak_i: int) -> float:
    """The end of the effort: the last moment near the peak before heart rate fell away from it."""
    near = (
        np.nan_to_num(curve[peak_i:], nan=np.inf)
        >= float(curve[peak_i]) - fact("protocols.recognition.stop_share").scalar() * rise
    )
    away = np.flatnonzero(~near)
    last = peak_i + (int(away[0]) - 1 if away.size else near.size - 1)
    return float(times[last])
