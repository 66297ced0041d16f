"""The heart-rate summary and quality of a recording: where heart rate came from, how much was flagged."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols._hr import rate, rate_series
from fibrokit.protocols._shape import grid_curve
from fibrokit.records import Recording

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Quality:
    """How far a recording's numbers can be trusted, and its plain heart-rate figures.

    Attributes
    ----------
    heart_rate_input : {"beats", "heart_rate", "none"}
        Beat-to-beat intervals, the device's heart-rate samples, or no heart rate at all.
    beats : int
        Number of beats (0 without beat-to-beat intervals).
    flagged_share : float
        Share of beats flagged as artefacts (NaN without beats).
    hrv_reliable : bool
        False above ``quality.max_flagged_share`` flagged beats, with a long irregular run (see
        ``irregular_beats``), or without beats.
    mean_hr_bpm, peak_hr_bpm : float
        Mean heart rate, and the highest 15-s mean, from usable beats or samples (NaN without heart rate).
    duration_s : float
        Time covered by heart rate.
    notes : tuple of str
        What the quality means for the person, in sentences.
    irregular_beats : int
        Beats in the longest run that does not look like a normal (sinus) rhythm: many large jumps from one
        normal beat to the next (``quality.irregular_*``), as in atrial fibrillation; 0 when there is no run
        as long as ``quality.irregular_run_beats``.
    """

    heart_rate_input: Literal["beats", "heart_rate", "none"]
    beats: int
    flagged_share: float
    hrv_reliable: bool
    mean_hr_bpm: float
    peak_hr_bpm: float
    duration_s: float
    notes: tuple[str, ...] = ()
    irregular_beats: int = 0


def heart_rate_summary(recording: Recording) -> Quality:
    """Mean and peak heart rate and the quality of a recording whose beats are already flagged."""
    try:
        series, source = rate_series(recording, "a heart-rate summary", "none")
    except InsufficientData:
        nan = float("nan")
        return Quality("none", 0, nan, False, nan, nan, 0.0, ("This recording holds no heart rate.",))
    times, hr = rate(series)
    _, curve = grid_curve(series)
    mean = float(np.mean(hr)) if hr.size else float("nan")
    peak = float(np.nanmax(curve)) if np.isfinite(curve).any() else float("nan")
    duration = float(times[-1] - times[0]) if times.size > 1 else 0.0
    if source != "beats":
        note = (
            "Heart-rate samples only (no beat-to-beat intervals): heart-rate variability cannot be computed."
        )
        return Quality("heart_rate", 0, float("nan"), False, mean, peak, duration, (note,))
    share = 1.0 - series.normal_share
    limit = fact("quality.max_flagged_share").scalar()
    irregular = _irregular_run(series.rr_ms, series.normal)
    reliable = math.isfinite(share) and share <= limit and irregular == 0
    notes: list[str] = []
    if not (math.isfinite(share) and share <= limit):
        notes.append(
            f"{share:.0%} of the beats were flagged as artefacts (more than {limit:.0%}): heart-rate variability "
            "is not reliable and is withheld."
        )
    if irregular:
        notes.append(
            f"A run of {irregular} beats varies irregularly from one beat to the next, more than a normal heart "
            "rhythm does (as with atrial fibrillation or many extra beats, or a poor strap contact): heart-rate "
            "variability is not reliable and is withheld. This is not a diagnosis; if you have not been told "
            "about an irregular heartbeat, show this recording to your doctor."
        )
    return Quality("beats", len(series), share, reliable, mean, peak, duration, tuple(notes), irregular)


def _irregular_run(rr_ms: FloatArray, normal: BoolArray) -> int:
    """Beats in the longest run of windows where many successive normal beats jump far (0 if it is short).

    A pair of successive normal beats "jumps" when their intervals differ by ``quality.irregular_jump_share`` of
    their mean; a window of ``quality.irregular_window_beats`` beats is irregular when at least
    ``quality.irregular_window_share`` of its pairs jump. The windows that are irregular mark their beats; the
    longest stretch of marked beats counts only from ``quality.irregular_run_beats``.
    """
    width = int(fact("quality.irregular_window_beats").scalar())
    if rr_ms.size < width + 1:
        return 0
    pair = normal[1:] & normal[:-1]
    jump = np.abs(np.diff(rr_ms)) / ((rr_ms[1:] + rr_ms[:-1]) / 2.0)
    big = pair & (jump >= fact("quality.irregular_jump_share").scalar())
    window = np.ones(width)
    pairs_in = np.convolve(pair.astype(float), window, "valid")
    big_in = np.convolve(big.astype(float), window, "valid")
    share_needed = fact("quality.irregular_window_share").scalar()
    irregular = (pairs_in >= width / 2) & (big_in >= share_needed * np.maximum(pairs_in, 1.0))
    marked = np.convolve(irregular.astype(float), window, "full")[: pair.size] > 0
    longest, run = 0, 0
    for flag in marked:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest + 1 if longest + 1 >= fact("quality.irregular_run_beats").scalar() else 0
