"""Pulse intervals from a fingertip-camera series: the mean colour of each video frame with its real timestamp."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fibrokit.beats.rr_flag_artifacts import rr_flag_artifacts
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.records import BeatFlag, BeatSeries

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_TIMING_DRAWS = 3  # fresh noise draws when measuring the timing uncertainty (steadier than one)


@dataclass(frozen=True, eq=False)
class PpgBeats:
    """Pulses found in a camera series, the intervals between them, and how clean they are.

    Attributes
    ----------
    beats : BeatSeries
        One interval per pulse after the first, ending at that pulse's middle-amplitude point. Intervals whose
        two pulses pass the quality checks are ``NORMAL``; intervals touching a distorted pulse are ``OUTLIER``;
        intervals spanning movement or an overexposed stretch are ``GAP``.
    pulse_quality : array of float
        Per pulse (one per beat), the correlation of its shape with the reading's median pulse (0-1).
    clean_share : float
        Share of intervals that are clean: the reading's quality index.
    clean_s : float
        Seconds of clean intervals.
    frame_rate_hz : float
        Median frame rate of the camera.
    timing_sd_ms : float
        Estimated random error of each pulse's time from the frames' sensor noise: the pulses are timed again
        with noise of the size measured in the frames added, and the spread of the shifts is taken (clean
        pulses). Intervals carry about 1.4 times this error, successive differences about 2.4 times.
    problem : str
        Empty when the reading can be scored; otherwise one sentence saying what went wrong and what to do.
    trace : tuple of (times, values)
        The filtered pulse wave at 10 Hz (scaled to ±1), for a figure.
    """

    beats: BeatSeries
    pulse_quality: FloatArray
    clean_share: float
    clean_s: float
    frame_rate_hz: float
    timing_sd_ms: float = float("nan")
    problem: str = ""
    trace: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())


def ppg_beats(times_s: npt.ArrayLike, red: npt.ArrayLike, green: npt.ArrayLike | None = None) -> PpgBeats:
    """Find the pulses in a fingertip-camera series and time them between frames, with quality flags.

    Each video frame is reduced (by the browser or the video reader) to its mean red and green level, 0-255,
    at its own capture time. The red series is interpolated over the real, uneven frame times onto an even
    200 Hz grid, inverted (more blood absorbs more light), band-passed, and each pulse is timed at the
    middle-amplitude point of its upstroke (Peralta et al. 2019). A pulse is clean when its shape matches the
    reading's median pulse and its height is ordinary; stretches of movement and overexposure are set aside.

    Parameters
    ----------
    times_s : array_like
        Capture time of each frame in seconds, increasing (frames with a repeated time are dropped).
    red, green : array_like
        Mean red and green level of each frame (0-255). Green is used only to see whether a finger covers the
        lens; when omitted that check relies on the red level alone.

    Returns
    -------
    PpgBeats
        The flagged intervals, per-pulse and per-reading quality, and ``problem``: one sentence when the
        reading cannot be scored (no finger, too dark or overexposed, too slow a camera, too much movement,
        too few clean pulses).

    Raises
    ------
    InputError
        When the series are not numbers, differ in length, or hold fewer than 2 seconds of frames.

    Examples
    --------
    >>> from fibrokit.simulate.simulate_ppg_video import simulate_ppg_video
    >>> video = simulate_ppg_video([900.0] * 80 + [950.0] * 80, seed=1)
    >>> found = ppg_beats(video.times_s, video.red, video.green)
    >>> found.problem, round(found.clean_share, 2)
    ('', 1.0)
    """
    t, r, g = _validated(times_s, red, green)
    rate = float(1.0 / np.median(np.diff(t)))
    problem = _scene_problem(r, g, rate)
    if problem:
        return _refused(problem, rate)
    fs = fact("ppg.resample_hz").scalar()
    grid = np.arange(t[0], t[-1], 1.0 / fs)
    wave = _pulse_wave(t, r, grid, fs)
    unusable = _unusable(wave, fs) | _saturated(t, r, grid)
    peaks, feet = _pulses(wave, fs)
    if peaks.size < 10:
        return _refused(
            "No steady pulse could be found in the picture: rest the fingertip still and lightly on the lens "
            "and the flash, and start again.",
            rate,
        )
    times = _fiducials(grid, wave, feet, peaks)
    rising = np.concatenate(([True], np.diff(times) > 0))
    times, peaks, feet = times[rising], peaks[rising], feet[rising]
    quality, good = _pulse_checks(wave, fs, peaks, feet, times - grid[0], unusable)
    index = np.clip(np.round((times - grid[0]) * fs).astype(int), 0, grid.size - 1)
    beats = _intervals(times - t[0], good, np.cumsum(unusable)[index])
    clean = beats.normal
    clean_share = float(np.mean(clean)) if len(beats) else 0.0
    clean_s = float(np.sum(beats.rr_ms[clean]) / 1000.0)
    scale = float(np.percentile(np.abs(wave), 99)) or 1.0
    step = int(fs // 10)
    trace = (
        tuple(np.round(grid[::step] - t[0], 2).tolist()),
        tuple(np.round(wave[::step] / scale, 3).tolist()),
    )
    timing_sd_ms = _timing_sd_ms(t, r, grid, (feet, peaks), times, good)
    return PpgBeats(
        beats,
        quality[1:],
        clean_share,
        clean_s,
        rate,
        timing_sd_ms,
        _quality_problem(clean_share, clean_s),
        trace,
    )


def _validated(
    times_s: npt.ArrayLike, red: npt.ArrayLike, green: npt.ArrayLike | None
) -> tuple[FloatArray, FloatArray, FloatArray | None]:
    t = np.asarray(times_s, dtype=np.float64)
    r = np.asarray(red, dtype=np.float64)
    g = None if green is None else np.asarray(green, dtype=np.float64)
    if t.ndim != 1 or r.shape != t.shape or (g is not None and g.shape != t.shape):
        raise InputError("frame times and colour levels must be single columns of the same length")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(r)) and (g is None or np.all(np.isfinite(g)))):
        raise InputError("frame times and colour levels must all be numbers")
    order = np.argsort(t, kind="stable")
    t, r = t[order], r[order]
    g = None if g is None else g[order]
    keep = np.concatenate(([True], np.diff(t) > 0))
    t, r = t[keep], r[keep]
    g = None if g is None else g[keep]
    if t.size < 3 or t[-1] - t[0] < 2.0:
        raise InputError("a camera reading needs at least 2 seconds of frames")
    return t, r, g


def _scene_problem(red: FloatArray, green: FloatArray | None, rate: float) -> str:
    """A refusal when the frames cannot hold a fingertip pulse: no finger, too dark, too bright, too slow."""
    median_red = float(np.median(red))
    red_share = 1.0 if green is None else float(np.median(red / np.maximum(red + green, 1e-9)))
    if red_share < fact("ppg.finger_red_share").scalar() or median_red < fact("ppg.finger_min_red").scalar():
        return (
            "No fingertip covered the camera: rest a fingertip lightly over the rear lens and the flash, so the "
            "picture glows evenly red, and start again."
        )
    saturated = float(np.mean(red >= fact("ppg.saturation_level").scalar()))
    if saturated > fact("ppg.max_saturated_share").scalar():
        return (
            f"The picture was overexposed in {100 * saturated:.0f} % of frames: cover the lens and the flash "
            "completely with the fingertip, pressing lightly, and start again."
        )
    minimum = fact("ppg.min_frame_rate_hz").scalar()
    if rate < minimum:
        return (
            f"The camera delivered only {rate:.0f} frames per second (at least {minimum:.0f} are needed): close "
            "other apps or try another browser, and start again."
        )
    return ""


def _quality_problem(clean_share: float, clean_s: float) -> str:
    minimum = fact("ppg.min_clean_share").scalar()
    if clean_share < minimum:
        return (
            f"Only {100 * clean_share:.0f} % of pulse intervals were clean (at least {100 * minimum:.0f} % are "
            "needed), most likely from movement: sit or lie still with the hand resting, and start again."
        )
    needed = fact("hrv.min_duration.hf_s").scalar()
    if clean_s < needed:
        return (
            f"Only {clean_s:.0f} s of clean pulse were recorded (at least {needed:.0f} s are needed): keep the "
            "fingertip still on the lens for the whole reading, and start again."
        )
    return ""


def _refused(problem: str, rate: float) -> PpgBeats:
    empty = BeatSeries(np.empty(0), np.empty(0), np.empty(0, dtype=np.uint8))
    return PpgBeats(empty, np.empty(0), 0.0, 0.0, rate, float("nan"), problem)


def _pulse_wave(t: FloatArray, red: FloatArray, grid: FloatArray, fs: float) -> FloatArray:
    """Red level on the even grid, inverted to follow blood volume, band-passed without phase shift."""
    from scipy import interpolate, signal  # here, so that importing fibrokit does not load SciPy

    level = interpolate.CubicSpline(t, red)(grid)
    low, high = fact("ppg.band_hz").pair()
    sos = signal.butter(2, [low, high], btype="bandpass", fs=fs, output="sos")
    wave: FloatArray = signal.sosfiltfilt(sos, -(level - np.median(level)))
    return wave


def _timing_sd_ms(
    t: FloatArray,
    red: FloatArray,
    grid: FloatArray,
    pulses: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]],
    times: FloatArray,
    good: BoolArray,
) -> float:
    """Random timing error of a pulse, found by timing the pulses again with as much noise added once more.

    The frames' own noise is read from what is left of each frame once the band-limited signal is taken away:
    the part of the noise above the band's upper edge, which for noise spread evenly up to the camera's Nyquist
    frequency is that share of it (a robust spread, so that movement does not count as noise). Adding fresh
    noise of that size (a fixed seed, so the same frames always give the same answer) and timing the same
    pulses again through the same steps moves each timing point by a fresh error of the same size as the one
    it already carries; three such draws are pooled.
    """
    from scipy import signal

    fs = fact("ppg.resample_hz").scalar()
    _, high = fact("ppg.band_hz").pair()
    nyquist = 0.5 / float(np.median(np.diff(t)))
    sos = signal.butter(2, high, btype="lowpass", fs=fs, output="sos")
    smooth = signal.sosfiltfilt(sos, np.interp(grid, t, red))
    inside = (t >= grid[0]) & (t <= grid[-1])
    residual = red[inside] - np.interp(t[inside], grid, smooth)
    spread = 1.4826 * float(np.median(np.abs(residual - np.median(residual))))
    noise = spread / np.sqrt(max(1.0 - high / nyquist, 0.1))
    feet, peaks = pulses
    rng = np.random.default_rng(0)
    shifts = []
    for _ in range(_TIMING_DRAWS):
        again = _fiducials(
            grid, _pulse_wave(t, red + rng.normal(0.0, noise, red.size), grid, fs), feet, peaks
        )
        moved = (again - times)[good] if good.any() else again - times
        shifts.append(moved - np.mean(moved))
    # RMSSD is a mean of squares: the occasional large slip counts fully, so the spread is a root mean square.
    return 1000.0 * float(np.sqrt(np.mean(np.concatenate(shifts) ** 2)))


def _unusable(wave: FloatArray, fs: float) -> BoolArray:
    """Grid samples inside movement: the wave's envelope far above its usual height, widened by a second."""
    from scipy import ndimage

    window = int(fs)
    envelope = ndimage.maximum_filter1d(np.abs(wave), window)
    moving = envelope > fact("ppg.motion_envelope_ratio").scalar() * np.median(envelope)
    widened: BoolArray = ndimage.binary_dilation(moving, iterations=window)
    return widened


def _saturated(t: FloatArray, red: FloatArray, grid: FloatArray) -> BoolArray:
    clipped = red >= fact("ppg.saturation_level").scalar()
    if not clipped.any():
        return np.zeros(grid.size, dtype=np.bool_)
    near = np.interp(grid, t, clipped.astype(np.float64)) > 0
    return np.asarray(near, dtype=np.bool_)


def _pulses(wave: FloatArray, fs: float) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Systolic peaks (the big ones, not the dicrotic wave) and the foot before each."""
    from scipy import signal

    _, fastest = fact("ppg.pulse_rate_span_bpm").pair()
    distance = max(1, int(fs * 60.0 / fastest))
    peaks, props = signal.find_peaks(wave, distance=distance, prominence=0.0)
    if peaks.size == 0:
        return peaks, peaks
    prominence = props["prominences"]
    peaks = peaks[prominence >= 0.3 * np.percentile(prominence, 75)]
    bounds = np.concatenate(([0], peaks[:-1]))
    feet = np.array([lo + int(np.argmin(wave[lo : hi + 1])) for lo, hi in zip(bounds, peaks, strict=True)])
    return peaks, feet.astype(np.intp)


def _fiducials(
    grid: FloatArray, wave: FloatArray, feet: npt.NDArray[np.intp], peaks: npt.NDArray[np.intp]
) -> FloatArray:
    """Time where each upstroke crosses its middle amplitude, interpolated between grid samples."""
    fraction = fact("ppg.fiducial_fraction").scalar()
    times = np.empty(peaks.size)
    for i, (foot, peak) in enumerate(zip(feet, peaks, strict=True)):
        level = wave[foot] + fraction * (wave[peak] - wave[foot])
        rise = wave[foot : peak + 1]
        below = np.flatnonzero(rise[:-1] < level)
        if below.size == 0:
            times[i] = grid[peak]
            continue
        k = foot + int(below[-1])
        span = wave[k + 1] - wave[k]
        times[i] = grid[k] + ((level - wave[k]) / span if span > 0 else 0.0) * (grid[1] - grid[0])
    return times


def _pulse_checks(
    wave: FloatArray,
    fs: float,
    peaks: npt.NDArray[np.intp],
    feet: npt.NDArray[np.intp],
    offsets_s: FloatArray,
    unusable: BoolArray,
) -> tuple[FloatArray, BoolArray]:
    """Per pulse: shape correlation with the median pulse, and whether the pulse is clean."""
    centre = np.round(offsets_s * fs).astype(int)
    period = float(np.median(np.diff(centre)))
    before, after = int(0.3 * period), int(0.6 * period)
    inside = (centre - before >= 0) & (centre + after < wave.size)
    segments = np.zeros((centre.size, before + after))
    for i in np.flatnonzero(inside):
        segments[i] = wave[centre[i] - before : centre[i] + after]
    height = wave[peaks] - wave[feet]
    ordinary = ~unusable[np.clip(centre, 0, wave.size - 1)] & inside
    template = np.median(segments[ordinary], axis=0) if ordinary.any() else np.median(segments, axis=0)
    # Each pulse is compared with the template within its own beat only: when the heart speeds up for a few
    # beats, a window of the usual length would reach into the next pulse's upstroke and a sound pulse would
    # look distorted (seen on a held-out record whose rate rose from 60 to 95 per minute for six seconds).
    gaps = np.diff(centre)
    own_before = np.minimum(before, (0.3 * np.concatenate(([period], gaps))).astype(int))
    own_after = np.minimum(after, (0.6 * np.concatenate((gaps, [period]))).astype(int))
    quality = np.array(
        [
            _correlation(s[before - b : before + a], template[before - b : before + a])
            for s, b, a in zip(segments, own_before, own_after, strict=True)
        ]
    )
    low, high = fact("ppg.amplitude_ratio_span").pair()
    usual = float(np.median(height[ordinary])) if ordinary.any() else float(np.median(height))
    good = (
        ordinary
        & (quality >= fact("ppg.template_min_corr").scalar())
        & (height >= low * usual)
        & (height <= high * usual)
    )
    return np.clip(quality, 0.0, 1.0), np.asarray(good, dtype=np.bool_)


def _correlation(a: FloatArray, b: FloatArray) -> float:
    a0, b0 = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt(np.sum(a0 * a0) * np.sum(b0 * b0)))
    return float(np.sum(a0 * b0) / denominator) if denominator > 0 else 0.0


def _intervals(times: FloatArray, good: BoolArray, unusable_count: npt.NDArray[np.int64]) -> BeatSeries:
    """Intervals between successive pulses; flagged unless both pulses are clean and no movement lies between."""
    rr_ms = np.diff(times) * 1000.0
    slowest, fastest = fact("ppg.pulse_rate_span_bpm").pair()
    flags = np.full(rr_ms.size, BeatFlag.NORMAL, dtype=np.uint8)
    flags[~(good[1:] & good[:-1])] = BeatFlag.OUTLIER
    flags[(rr_ms < 60_000.0 / fastest) | (rr_ms > 60_000.0 / slowest)] = BeatFlag.OUT_OF_RANGE
    flags[np.diff(unusable_count) > 0] = BeatFlag.GAP
    return BeatSeries(times[1:], rr_ms, flags)


def classify_pulse_intervals(beats: BeatSeries) -> BeatSeries:
    """Artefact classification of camera pulse intervals, as a chest strap's intervals would be classified.

    The morning reading's classifier (Lipponen & Tarvainen 2019) judges each interval against its neighbours.
    An interval the camera already set aside (movement, a distorted pulse) may be wildly wrong, two or three
    beats read as one: left in, it would make the next sound interval look like a sudden jump and raise the
    local thresholds, so a strap and a camera watching the same heart would set aside different beats. A run
    of at most ``ppg.min_clean_run_intervals`` intervals kept between set-aside ones (a moment of calm inside
    movement, often mistimed) is set aside too. Each
    set-aside interval is therefore bridged, for the classification only, by a straight line between the sound
    intervals on either side (by position in the series); the flags found are added to the camera's own, and
    the intervals themselves are unchanged.

    Examples
    --------
    >>> import numpy as np
    >>> rr = 900.0 + 30.0 * np.sin(np.arange(120) / 3.0)
    >>> rr[60] = 1800.0  # two beats read as one during movement
    >>> flags = np.zeros(120, dtype=np.uint8)
    >>> flags[60] = BeatFlag.GAP
    >>> classified = classify_pulse_intervals(BeatSeries(np.cumsum(rr) / 1000.0, rr, flags))
    >>> classified.flag_counts()
    {'normal': 119, 'spans a gap': 1}
    """
    own = beats.flags.copy()
    sound = own == BeatFlag.NORMAL
    shortest = int(fact("ppg.min_clean_run_intervals").scalar())
    aside = np.flatnonzero(~sound)
    for left, right in itertools.pairwise(aside.tolist()):
        if 0 < right - left - 1 <= shortest:  # a few "clean" pulses amid movement: likely mistimed, set aside
            own[left + 1 : right] = BeatFlag.OUTLIER
    sound = own == BeatFlag.NORMAL
    if not sound.any():
        return beats.with_flags(own)
    position = np.arange(len(beats))
    bridged = np.interp(position, position[sound], beats.rr_ms[sound])
    flags = rr_flag_artifacts(BeatSeries(beats.times_s, bridged, own)).flags
    return beats.with_flags(flags)
