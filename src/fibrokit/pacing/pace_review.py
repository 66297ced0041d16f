"""Review one activity: time in zones, load, time over the ceiling, and recovery after the hardest moment."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from fibrokit.choices import Sex
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.pacing._state import MAX_STEP_S, beats_hr
from fibrokit.pacing.pace_load import pace_load
from fibrokit.pacing.pace_thresholds import PacingThresholds
from fibrokit.pacing.pace_zones import pace_zones
from fibrokit.records import BeatSeries, FloatArray

# Beats in the running median that steadies the peak and recovery readings against single odd beats.
_SMOOTH_BEATS = 5


@dataclass(frozen=True)
class ActivityReview:
    """What one activity cost.

    Attributes
    ----------
    duration_s : float
        Time covered by usable beats.
    seconds_in : mapping of str to float
        Time in each zone (with hysteresis and dwell, as the live monitor shows it).
    points : float
        Exertion load (:func:`pace_load`).
    over_ceiling_s, longest_over_s : float
        Total time, and the longest unbroken stretch, with heart rate at or above the ceiling.
    peak_hr_bpm, peak_time_s : float
        Highest heart rate (5-beat running median) and when it last occurred.
    recovery_60s_bpm : float
        Fall in heart rate in the minute after the peak (HRR1 style); NaN when the recording ends sooner.
    back_below_threshold_s : float
        Seconds from the peak until heart rate first fell below the exertion threshold; NaN if it never did.
    trimp : float
        Banister's training impulse, when maximal and resting heart rate and sex were given; else NaN.
    thresholds : PacingThresholds
        The lines used.
    summary : tuple of str
        The review in plain sentences.
    """

    duration_s: float
    seconds_in: Mapping[str, float]
    points: float
    over_ceiling_s: float
    longest_over_s: float
    peak_hr_bpm: float
    peak_time_s: float
    recovery_60s_bpm: float
    back_below_threshold_s: float
    trimp: float
    thresholds: PacingThresholds
    summary: tuple[str, ...]


def pace_review(
    beats: BeatSeries,
    thresholds: PacingThresholds,
    *,
    dwell_s: float | None = None,
    hysteresis_bpm: float | None = None,
    hrmax_bpm: float | None = None,
    resting_hr_bpm: float | None = None,
    sex: Sex | None = None,
) -> ActivityReview:
    """Review an imported activity.

    Parameters
    ----------
    beats : BeatSeries
        The activity's beats with artefacts flagged.
    thresholds : PacingThresholds
        The lines in force.
    dwell_s, hysteresis_bpm : float, optional
        Zone settings, as for :func:`pace_zones`.
    hrmax_bpm, resting_hr_bpm, sex : optional
        For Banister's TRIMP (Morton, Fitz-Clarke & Banister 1990), shown beside fibrokit's points.

    Returns
    -------
    ActivityReview

    Raises
    ------
    InsufficientData
        When fewer than 10 usable beats remain.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries
    >>> from fibrokit.pacing import pace_review, pace_thresholds
    >>> hr = np.concatenate([np.full(120, 70.0), np.full(300, 120.0), np.full(120, 80.0)])
    >>> review = pace_review(BeatSeries.from_rr(60000 / hr), pace_thresholds(70, threshold_bpm=90, ceiling_bpm=110))
    >>> round(review.over_ceiling_s), review.peak_hr_bpm, review.recovery_60s_bpm
    (150, 120.0, 40.0)
    """
    times, hr = beats_hr(beats)
    if times.size < 10:
        raise InsufficientData(f"an activity review needs at least 10 usable beats; there are {times.size}")
    from scipy.ndimage import median_filter  # imported on use: SciPy costs start-up time

    smooth = np.asarray(median_filter(hr, size=_SMOOTH_BEATS, mode="nearest"), dtype=np.float64)
    steps = np.diff(times, prepend=times[:1])
    steps[steps > MAX_STEP_S] = 0.0
    zones = pace_zones(beats, thresholds, dwell_s=dwell_s, hysteresis_bpm=hysteresis_bpm)
    load = pace_load(beats, thresholds)
    over = smooth >= thresholds.ceiling.bpm
    peak = smooth.size - 1 - int(np.argmax(smooth[::-1]))  # the end of the hardest stretch
    review = ActivityReview(
        duration_s=float(steps.sum()),
        seconds_in=zones.seconds_in,
        points=load.total,
        over_ceiling_s=float(steps[over].sum()),
        longest_over_s=_longest(times, over),
        peak_hr_bpm=float(smooth[peak]),
        peak_time_s=float(times[peak]),
        recovery_60s_bpm=_recovery(times, smooth, peak),
        back_below_threshold_s=_back_below(times, smooth, peak, thresholds.threshold.bpm),
        trimp=_trimp(times, steps, hr, hrmax_bpm, resting_hr_bpm, sex),
        thresholds=thresholds,
        summary=(),
    )
    return _with_summary(review, load.model)


def _longest(times: FloatArray, over: np.ndarray) -> float:
    """The longest unbroken stretch over the ceiling; a gap in the recording (a pause) breaks a stretch."""
    longest, start = 0.0, None
    for i in range(times.size):
        if start is not None and i > 0 and times[i] - times[i - 1] > MAX_STEP_S:
            longest = max(longest, float(times[i - 1] - start))
            start = None
        if over[i] and start is None:
            start = times[i]
        if start is not None and (not over[i] or i == times.size - 1):
            longest = max(longest, float(times[i] - start))
            start = None
    return longest


def _recovery(times: FloatArray, smooth: FloatArray, peak: int) -> float:
    after = times[peak] + fact("pacing.recovery_s").scalar()
    if times[-1] < after:
        return float("nan")
    return float(smooth[peak] - np.interp(after, times, smooth))


def _back_below(times: FloatArray, smooth: FloatArray, peak: int, threshold: float) -> float:
    below = np.flatnonzero(smooth[peak:] < threshold)
    return float(times[peak + below[0]] - times[peak]) if below.size else float("nan")


def _trimp(
    times: FloatArray,
    steps: FloatArray,
    hr: FloatArray,
    hrmax: float | None,
    rest: float | None,
    sex: str | None,
) -> float:
    if hrmax is None or rest is None or sex is None or hrmax <= rest:
        return float("nan")
    a, b = fact(f"pacing.trimp.{sex}").pair()
    reserve = np.clip((hr - rest) / (hrmax - rest), 0.0, 1.0)
    return float(np.sum(steps / 60.0 * reserve * a * np.exp(b * reserve)))


def _with_summary(review: ActivityReview, model: str) -> ActivityReview:
    minutes = {k: v / 60.0 for k, v in review.seconds_in.items()}
    lines = [
        f"{review.duration_s / 60:.0f} min: {minutes['rest']:.0f} min resting, {minutes['activity']:.0f} min in "
        f"activity, {minutes['over ceiling']:.0f} min over the ceiling ({review.thresholds.ceiling.bpm:.0f} bpm).",
        f"Load {review.points:.0f} points ({model}).",
        f"Highest heart rate {review.peak_hr_bpm:.0f} bpm at {review.peak_time_s / 60:.1f} min; longest stretch "
        f"over the ceiling {review.longest_over_s / 60:.1f} min.",
    ]
    if math.isfinite(review.recovery_60s_bpm):
        lines.append(f"Heart rate fell {review.recovery_60s_bpm:.0f} bpm in the minute after the peak.")
    if math.isfinite(review.back_below_threshold_s):
        lines.append(
            f"It was back below the exertion threshold {review.back_below_threshold_s / 60:.1f} min after."
        )
    else:
        lines.append("It did not fall back below the exertion threshold before the recording ended.")
    if math.isfinite(review.trimp):
        lines.append(f"Banister TRIMP {review.trimp:.0f} (for comparison with training software).")
    return dataclasses.replace(review, summary=tuple(lines))
