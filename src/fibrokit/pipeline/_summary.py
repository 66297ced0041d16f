"""The heart-rate summary and quality of a recording: where heart rate came from, how much was flagged."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols._hr import rate, rate_series
from fibrokit.protocols._shape import grid_curve
from fibrokit.records import Recording


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
        False above ``quality.max_flagged_share`` flagged beats, or without beats.
    mean_hr_bpm, peak_hr_bpm : float
        Mean heart rate, and the highest 15-s mean, from usable beats or samples (NaN without heart rate).
    duration_s : float
        Time covered by heart rate.
    notes : tuple of str
        What the quality means for the person, in sentences.
    """

    heart_rate_input: Literal["beats", "heart_rate", "none"]
    beats: int
    flagged_share: float
    hrv_reliable: bool
    mean_hr_bpm: float
    peak_hr_bpm: float
    duration_s: float
    notes: tuple[str, ...] = ()


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
    reliable = math.isfinite(share) and share <= limit
    notes = (
        ()
        if reliable
        else (
            f"{share:.0%} of the beats were flagged as artefacts (more than {limit:.0%}): heart-rate variability "
            "is not reliable and is withheld.",
        )
    )
    return Quality("beats", len(series), share, reliable, mean, peak, duration, notes)
