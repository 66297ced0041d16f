"""The exercise test's guards: recovery only while it lasts, never falling back, and no moving rest."""

from __future__ import annotations

import math

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols import _hr, _shape
from fibrokit.records import BeatSeries, Recording


def recovery_lags(
    beats: BeatSeries, peak: float, end: float, until: float, marks: tuple[int, ...]
) -> tuple[dict[int, float], tuple[int, ...]]:
    """Heart-rate recovery at each lag that recovery lasts for, and the lags withheld because it fell back."""
    half = fact("protocols.hr_window_s").scalar() / 2
    tolerance = fact("protocols.hrr_fall_tolerance_bpm").scalar()
    recovery: dict[int, float] = {}
    withheld: list[int] = []
    for mark in marks:
        if end + mark + half > min(until, float(beats.times_s[-1])):
            break
        value = peak - _hr.hr_at(beats, end + mark)
        best = max(recovery.values(), default=-np.inf)
        if withheld or not math.isfinite(value) or value < best - tolerance:
            withheld.append(mark)
            continue
        recovery[mark] = value
    return recovery, tuple(withheld)


def refuse_moving_rest(recording: Recording, beats: BeatSeries, start: float, end: float) -> None:
    """Refuse a resting value from a person who was moving (a movement channel, or heart rate wandering)."""
    moving = _hr.moving_during(recording, start, end)
    if moving is not None:
        raise InsufficientData(
            f"{recording.source_name}: its {moving} channel shows movement during the rest before the exercise, "
            "so no resting heart rate can be taken; give the phases (a still rest first) with --phases"
        )
    times, curve = _shape.grid_curve(beats)
    inside = (times >= start) & (times < end) & np.isfinite(curve)
    judged = inside.sum() >= fact("protocols.rest_steady_min_s").scalar()  # the curve is once a second
    spread = float(np.ptp(curve[inside])) if judged else 0.0
    if spread > fact("protocols.rest_steady_bpm").scalar():
        raise InsufficientData(
            f"{recording.source_name}: heart rate varied by {spread:.0f} bpm during the rest before the "
            "exercise, as it does when moving, so no resting heart rate can be taken; give a still rest "
            "with --phases"
        )


def input_caveats(heart_rate_input: str, withheld: tuple[int, ...]) -> tuple[str, ...]:
    caveats = []
    if heart_rate_input == "heart_rate":
        caveats.append(
            "Heart rate came from the device's heart-rate samples (no beat-to-beat intervals): the device "
            "averages them, so peak and recovery can be a few beats off, and no heart-rate variability is given."
        )
    if withheld:
        lags = ", ".join(f"{mark} s" for mark in withheld)
        caveats.append(
            f"Heart-rate recovery at {lags} is not shown: heart rate rose again during the recovery "
            "(renewed effort or an artefact), so those values would not be recovery."
        )
    return tuple(caveats)
