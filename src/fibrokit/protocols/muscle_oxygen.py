"""Muscle oxygen from a near-infrared (NIRS) channel: saturation at rest, during exercise, and its recovery."""

from __future__ import annotations

import math

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols import _hr
from fibrokit.protocols._result import Finding, Norm, ProtocolResult
from fibrokit.records import Channel, Recording


def muscle_oxygen(
    recording: Recording,
    *,
    exercise_start_s: float | None = None,
    exercise_end_s: float | None = None,
    channel: str = "smo2",
) -> ProtocolResult:
    """Score muscle oxygen saturation (SmO2) across rest, exercise and recovery.

    Phases come from ``exercise`` and ``recovery`` markers (laps) or the arguments. At rest: the mean SmO2
    before exercise; during exercise: its mean and its nadir (lowest 5-s mean); after: the recovery half-time,
    the time from the end of exercise until SmO2 has climbed back half-way from its end-of-exercise level to
    its resting level (a fibrokit convention; NIRS studies define recovery kinetics in several ways).

    Returns
    -------
    ProtocolResult
        Findings ``smo2_rest_pct``, ``smo2_exercise_mean_pct``, ``smo2_nadir_pct`` and
        ``smo2_recovery_half_time_s`` (NaN when SmO2 had not recovered half-way by the end of the recording).

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import Channel, Marker, Recording
    >>> from fibrokit.protocols import muscle_oxygen
    >>> t = np.arange(0, 600.0)
    >>> smo2 = np.where(t < 120, 70, np.where(t < 300, 40, 70 - 30 * np.exp(-(t - 300) / 30)))
    >>> rec = Recording(channels={"smo2": Channel("smo2", "%", smo2, t, 1.0)},
    ...                 markers=(Marker(120, "exercise"), Marker(300, "recovery")))
    >>> round(muscle_oxygen(rec)["smo2_recovery_half_time_s"])
    21
    """
    signal = recording.channels.get(channel)
    if signal is None:
        raise InsufficientData(
            f"{recording.source_name or 'the recording'} has no {channel!r} channel (muscle "
            "oxygen from a NIRS sensor such as Moxy or Train.Red)"
        )
    start = exercise_start_s if exercise_start_s is not None else _hr.marker_start(recording, ("exercise",))
    end = (
        exercise_end_s
        if exercise_end_s is not None
        else _hr.marker_start(recording, ("recovery", "cool-down"))
    )
    if start is None or end is None or not end > start:
        raise InsufficientData(
            f"{recording.source_name or 'the recording'}: muscle oxygen needs the exercise start and end "
            "(markers named exercise and recovery, or the times given, e.g. with --phases "
            "rest=0:00-3:00,exercise=3:00-15:00,recovery=15:00-25:00)"
        )
    times, values = _smoothed(signal)
    rest = _mean(times, values, times[0], start)
    during = (times >= start) & (times < end)
    if not during.any() or not math.isfinite(rest):
        raise InsufficientData("the SmO2 channel does not cover both the rest and the exercise")
    end_level = _mean(times, values, end - fact("protocols.nirs.end_window_s").scalar(), end)
    half = _half_time(times, values, end, end_level, rest)
    fm, control = fact("fm.nirs.smo2_rest_pct").pair(), fact("control.nirs.smo2_rest_pct").pair()
    context = Norm(
        f"quadriceps at rest in one study: fibromyalgia {fm[0]:.0f} ± {fm[1]:.0f} %, controls "
        f"{control[0]:.0f} ± {control[1]:.0f} % (sensor placement and device change values)",
        ("fm.nirs.smo2_rest_pct", "control.nirs.smo2_rest_pct"),
    )
    findings = (
        Finding("smo2_rest_pct", "SmO2 at rest", rest, "%", "context", (context,)),
        Finding("smo2_exercise_mean_pct", "SmO2 during exercise (mean)", float(np.mean(values[during])), "%"),
        Finding("smo2_nadir_pct", "SmO2 nadir", float(np.min(values[during])), "%"),
        Finding("smo2_recovery_half_time_s", "SmO2 recovery half-time", half, "s"),
    )
    summary = (
        f"Muscle oxygen saturation was {rest:.0f} % at rest and fell to {np.min(values[during]):.0f} % "
        "during exercise." + (f" It recovered half-way in {half:.0f} s." if math.isfinite(half) else ""),
        "Muscle oxygen depends on sensor position, skin and fat thickness; compare readings taken the same "
        "way. This is not a diagnosis.",
    )
    spans = [("rest", float(times[0]), start), ("exercise", start, end), ("recovery", end, float(times[-1]))]
    given = exercise_start_s is not None or exercise_end_s is not None
    return ProtocolResult(
        "muscle-oxygen",
        findings,
        _hr.phase_markers(spans, "given" if given else "markers"),
        (),
        summary,
        {"channel": channel},
        curve=(tuple(times.tolist()), tuple(values.tolist())),
    )


def _smoothed(signal: Channel) -> tuple[np.ndarray, np.ndarray]:
    finite = np.isfinite(signal.values)
    times, values = signal.times_s[finite], signal.values[finite]
    half = fact("protocols.nirs.smoothing_s").scalar() / 2
    total = np.concatenate(([0.0], np.cumsum(values)))
    lo = np.searchsorted(times, times - half, side="left")
    hi = np.searchsorted(times, times + half, side="right")
    return times, (total[hi] - total[lo]) / (hi - lo)


def _mean(times: np.ndarray, values: np.ndarray, start: float, end: float) -> float:
    inside = (times >= start) & (times < end)
    return float(np.mean(values[inside])) if inside.any() else float("nan")


def _half_time(times: np.ndarray, values: np.ndarray, end: float, end_level: float, rest: float) -> float:
    if not rest > end_level:
        return float("nan")
    target = end_level + 0.5 * (rest - end_level)
    after = np.flatnonzero((times >= end) & (values >= target))
    return float(times[after[0]] - end) if after.size else float("nan")
