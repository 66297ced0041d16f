"""Heart rate from beats, and the phases of a test from markers or from the heart-rate curve."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from fibrokit.beats import rr_flag_artifacts
from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.records import BeatFlag, BeatSeries, Marker, Recording

FloatArray = npt.NDArray[np.float64]
# Channels that say a person was moving; any of them above zero during a "resting" window refuses the rest.
MOVEMENT_CHANNELS = ("speed", "cadence", "power")


def usable_beats(recording: Recording, what: str) -> BeatSeries:
    """The recording's beats, or a clear refusal when it has none."""
    least = fact("protocols.min_beats").scalar()
    if recording.beats is None or len(recording.beats) < least:
        raise InsufficientData(
            f"{recording.source_name or 'the recording'}: {what} needs beat-to-beat intervals, "
            f"and this recording has none (or fewer than {least:.0f})"
        )
    return recording.beats


def rate_series(
    recording: Recording, what: str, artifact_method: ArtifactMethod = "lipponen2019"
) -> tuple[BeatSeries, str]:
    """The heart-rate input of a test and where it came from: ``"beats"`` or ``"heart_rate"`` samples.

    Beat-to-beat intervals are flagged with ``artifact_method`` (``"none"`` keeps the flags they carry). A
    recording without them falls back on its ``heart_rate`` channel: each sample becomes one "interval" a beat
    at that rate would last, so the same smoothing reads both; samples outside the plausible span are flagged.
    Such a series is only ever read for heart rate, never for heart-rate variability.
    """
    least = fact("protocols.min_beats").scalar()
    if recording.beats is not None and len(recording.beats) >= least:
        return rr_flag_artifacts(recording.beats, artifact_method), "beats"
    channel = recording.channels.get("heart_rate")
    if channel is not None:
        keep = np.isfinite(channel.values) & np.isfinite(channel.times_s) & (channel.values > 0)
        times, first = np.unique(channel.times_s[keep], return_index=True)  # sorted, one sample a moment
        values = channel.values[keep][first]
        if times.size >= least:
            low, high = fact("pacing.hr.plausible_bpm").pair()
            flags = np.where((values < low) | (values > high), BeatFlag.OUT_OF_RANGE, BeatFlag.NORMAL)
            return BeatSeries(times, 60_000.0 / values, flags.astype(np.uint8)), "heart_rate"
    raise InsufficientData(
        f"{recording.source_name or 'the recording'}: {what} needs heart rate (beat-to-beat intervals or "
        "heart-rate samples), and this recording has neither"
    )


def moving_during(recording: Recording, start_s: float, end_s: float) -> str | None:
    """The movement channel (speed, cadence, power) showing movement in ``[start_s, end_s)``, else None."""
    least = fact("protocols.movement_min_samples").scalar()
    for name in MOVEMENT_CHANNELS:
        channel = recording.channels.get(name)
        if channel is None:
            continue
        inside = (channel.times_s >= start_s) & (channel.times_s < end_s) & np.isfinite(channel.values)
        if inside.sum() >= least and float(np.median(channel.values[inside])) > 0:
            return name
    return None


def rate(beats: BeatSeries) -> tuple[FloatArray, FloatArray]:
    """Times and instantaneous heart rates of the normal beats with a plausible rate.

    A flagged beat, or one implying a rate outside ``pacing.hr.plausible_bpm``, never enters a heart rate, so it
    can never define a peak, a trough or a resting value.
    """
    keep = usable_mask(beats)
    return beats.times_s[keep], 60_000.0 / beats.rr_ms[keep]


def usable_mask(beats: BeatSeries) -> npt.NDArray[np.bool_]:
    """Which beats are normal and imply a plausible heart rate (``pacing.hr.plausible_bpm``)."""
    low, high = fact("pacing.hr.plausible_bpm").pair()
    hr = 60_000.0 / beats.rr_ms
    return np.asarray(beats.normal & (hr >= low) & (hr <= high), dtype=np.bool_)


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
    if times.size == 0:  # no usable beat (all flagged or implausible): nothing to draw
        return (), ()
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
