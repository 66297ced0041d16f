"""Heart rate from beats, and the phases of a test from markers or from the heart-rate curve."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.records import BeatSeries, Marker, Recording

FloatArray = npt.NDArray[np.float64]


def usable_beats(recording: Recording, what: str) -> BeatSeries:
    """The recording's beats, or a clear refusal when it has none."""
    least = fact("protocols.min_beats").scalar()
    if recording.beats is None or len(recording.beats) < least:
        raise InsufficientData(
            f"{recording.source_name or 'the recording'}: {what} needs beat-to-beat intervals, "
            f"and this recording has none (or fewer than {least:.0f})"
        )
    return recording.beats


def rate(beats: BeatSeries) -> tuple[FloatArray, FloatArray]:
    """Times and instantaneous heart rates of the normal beats."""
    normal = beats.normal
    return beats.times_s[normal], 60_000.0 / beats.rr_ms[normal]


def hr_at(beats: BeatSeries, moment_s: float) -> float:
    """Mean instantaneous heart rate of the normal beats within half the heart-rate window of ``moment_s``."""
    times, hr = rate(beats)
    half = fact("protocols.hr_window_s").scalar() / 2
    inside = np.abs(times - moment_s) <= half
    return float(np.mean(hr[inside])) if inside.any() else float("nan")


def mean_hr(beats: BeatSeries, start_s: float, end_s: float) -> float:
    """Mean instantaneous heart rate of the normal beats in ``[start_s, end_s)``."""
    times, hr = rate(beats)
    inside = (times >= start_s) & (times < end_s)
    return float(np.mean(hr[inside])) if inside.any() else float("nan")


def smoothed(beats: BeatSeries) -> tuple[FloatArray, FloatArray]:
    """The heart-rate window mean centred on every normal beat (the curve peaks and recoveries are read from)."""
    times, hr = rate(beats)
    half = fact("protocols.hr_window_s").scalar() / 2
    total = np.concatenate(([0.0], np.cumsum(hr)))
    lo = np.searchsorted(times, times - half, side="left")
    hi = np.searchsorted(times, times + half, side="right")
    return times, (total[hi] - total[lo]) / (hi - lo)


def curve_1hz(beats: BeatSeries) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The smoothed heart rate sampled once a second, for figures."""
    times, hr = smoothed(beats)
    grid = np.arange(np.ceil(times[0]), np.floor(times[-1]) + 1.0)
    return tuple(grid.tolist()), tuple(np.round(np.interp(grid, times, hr), 1).tolist())


def marker_start(recording: Recording, labels: tuple[str, ...]) -> float | None:
    """Start of the first marker whose label (case-insensitive) is one of ``labels``."""
    for marker in recording.markers:
        if marker.label.lower() in labels:
            return float(marker.time_s)
    return None


def phase_markers(spans: list[tuple[str, float, float]], source: str) -> tuple[Marker, ...]:
    """Markers describing the phases an analysis used; ``source`` says where they came from."""
    return tuple(Marker(start, label, f"phase ({source})", end) for label, start, end in spans)
