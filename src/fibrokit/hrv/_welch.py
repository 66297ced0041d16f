"""Welch spectra of many windows from one cubic-spline resampling of the NN series (Welch 1967)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from fibrokit.hrv._nn import NNWindows, covering_span, span_beats
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv._spline import NotAKnotSpline
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatFlag, BeatSeries

if TYPE_CHECKING:
    from collections.abc import Callable

    Spline = Callable[[FloatArray], FloatArray]

_WELCH_ROWS = 16  # windows whose segments are transformed together (a few MB of segments)
KNOT_MARGIN = 64  # NN beats beyond the windows on each side that the spline runs through


def welch_spectra(series: BeatSeries, w: NNWindows, settings: HrvSettings) -> tuple[FloatArray, FloatArray]:
    """One-sided Welch density (ms²/Hz) of each window.

    The NN intervals are joined by a cubic spline through (beat time, interval) and sampled at
    ``settings.resample_hz``; each window takes the samples inside it. Windows the NN data does not cover (the
    spline would extrapolate) give NaN rows. The spline runs through the NN beats of the windows and
    ``KNOT_MARGIN`` more on each side: a knot's pull on the spline shrinks about fourfold with every knot
    between (the factor 2 − √3 of the cubic spline's equations), so beyond a few dozen knots the ends are lost
    in rounding and the spline is the one through the whole series, in memory that does not grow with it.

    Returns
    -------
    frequencies : array
    density : array, shape (windows, frequencies)
    """
    nn_times_s, nn_ms = _knots(series, w)
    fs = settings.resample_hz
    samples = int(np.round(np.min(w.ends_s - w.starts_s) * fs))
    nperseg = min(samples, int(np.round(settings.welch_segment_s * fs)))
    nfft = max(settings.welch_min_nfft, nperseg)
    if samples < 8 or nn_times_s.size < 4:
        empty = np.full((w.count, nfft // 2 + 1), np.nan)
        return np.asarray(np.fft.rfftfreq(nfft, 1.0 / fs), dtype=np.float64), empty
    resampled = _resampled_windows(_spline(nn_times_s, nn_ms), w.starts_s, samples, fs, _grid(w, fs))
    resampled[~_covered(nn_times_s, nn_ms, w)] = np.nan
    detrend = "linear" if settings.detrend == "linear" else "constant"
    if settings.detrend == "smoothness_priors":
        resampled = _smoothness_priors(resampled, settings.smoothness_lambda)
    elif settings.detrend == "none":
        resampled = resampled - np.mean(resampled, axis=1, keepdims=True)
        detrend = "none"
    window = _taper(settings.welch_window, nperseg)
    step = nperseg - int(settings.welch_overlap * nperseg)
    # A block of windows at a time: every segment is copied while it is detrended and transformed.
    density = np.concatenate(
        [
            _welch_rows(resampled[first : first + _WELCH_ROWS], fs, window, step, nfft, detrend)
            for first in range(0, resampled.shape[0], _WELCH_ROWS)
        ]
    )
    return np.asarray(np.fft.rfftfreq(nfft, 1.0 / fs), dtype=np.float64), density


def _welch_rows(
    rows: FloatArray, fs: float, window: FloatArray, step: int, nfft: int, detrend: str
) -> FloatArray:
    """Welch's averaged periodogram (one-sided density) of each row.

    Segments of ``window.size`` samples every ``step``, each detrended, tapered, zero-padded to ``nfft`` and
    transformed; the density is the mean of their periodograms (Welch 1967), as SciPy's ``signal.welch``
    computes it (a test compares the two).
    """
    segments = sliding_window_view(rows, window.size, axis=-1)[:, ::step, :]
    if detrend == "constant":
        segments = segments - segments.mean(axis=-1, keepdims=True)
    elif detrend == "linear":
        k = np.arange(window.size, dtype=np.float64) - (window.size - 1) / 2.0
        centred = segments - segments.mean(axis=-1, keepdims=True)
        slope = centred @ k / (k @ k)
        segments = centred - slope[..., None] * k
    spectrum = np.fft.rfft(segments * window, n=nfft, axis=-1)
    power = (spectrum.real**2 + spectrum.imag**2) / (fs * float(window @ window))
    # One-sided: every frequency but 0 (and the Nyquist frequency of an even transform) counts twice.
    power[..., 1 : None if nfft % 2 else -1] *= 2.0
    return np.asarray(power.mean(axis=1), dtype=np.float64)


def _taper(name: str, size: int) -> FloatArray:
    """The periodic window ``name`` of ``size`` points (Hann without SciPy; other names from SciPy)."""
    if name == "hann":
        return np.asarray(0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(size) / size), dtype=np.float64)
    from scipy.signal import get_window  # imported on use: SciPy costs start-up time

    return np.asarray(get_window(name, size, fftbins=True), dtype=np.float64)


def _knots(series: BeatSeries, w: NNWindows) -> tuple[FloatArray, FloatArray]:
    """Times and intervals of the NN beats under the windows and ``KNOT_MARGIN`` normal beats on each side."""
    first, stop = covering_span(series.times_s, w.starts_s, w.ends_s)
    nn = span_beats(series, margin_edge(series.flags, first, -1), margin_edge(series.flags, stop, 1)).nn_index
    return series.times_s[nn], series.rr_ms[nn]


def margin_edge(flags: npt.NDArray[np.uint8], edge: int, direction: int) -> int:
    """The position ``KNOT_MARGIN`` normal beats (or the series' end) before or after ``edge``.

    Counting exactly that many normal beats (not a stretch that holds at least that many) makes the position
    move forward whenever ``edge`` does, so a run that walks through a long series in order never needs a beat
    it has already let go of (:func:`~fibrokit.hrv.hrv_window_stream.hrv_window_stream`).
    """
    reach = 4 * KNOT_MARGIN
    while True:
        lo, hi = (max(edge - reach, 0), edge) if direction < 0 else (edge, min(edge + reach, flags.size))
        normal = np.flatnonzero(flags[lo:hi] == BeatFlag.NORMAL)
        if normal.size >= KNOT_MARGIN:
            return lo + int(normal[-KNOT_MARGIN]) if direction < 0 else lo + int(normal[KNOT_MARGIN - 1]) + 1
        if hi - lo < reach:
            return lo if direction < 0 else hi
        reach *= 2  # many artefacts beside the windows: look further


def _spline(nn_times_s: FloatArray, nn_ms: FloatArray) -> Spline:
    """The cubic spline (not-a-knot ends) through the NN beats.

    :class:`NotAKnotSpline` is SciPy's ``CubicSpline`` without importing SciPy's interpolation package (half a
    second of start-up); a series of under 4 NN beats, which no window can use anyway, goes to SciPy.
    """
    if nn_times_s.size >= 4:
        return NotAKnotSpline(nn_times_s, nn_ms)
    from scipy import interpolate  # imported on use: SciPy costs start-up time

    return cast("Spline", interpolate.CubicSpline(nn_times_s, nn_ms, extrapolate=True))


def _grid(w: NNWindows, fs: float) -> tuple[bool, float]:
    """Whether the windows' starts fall on one sampling grid, and its origin (decided over the whole run)."""
    if w.index is not None and w.index.welch_grid is not None:
        return w.index.welch_grid
    return on_one_grid(w.starts_s, fs)


def on_one_grid(starts_s: FloatArray, fs: float) -> tuple[bool, float]:
    """Whether every start is a whole number of samples after the first, and the first start."""
    offsets = (starts_s - starts_s[0]) * fs
    return bool(np.allclose(offsets, np.round(offsets), rtol=0.0, atol=1e-6)), float(starts_s[0])


def _resampled_windows(
    spline: Spline, starts_s: FloatArray, samples: int, fs: float, grid: tuple[bool, float]
) -> FloatArray:
    """The spline sampled at ``fs`` in each window, as rows.

    Overlapping windows whose starts fall on one sampling grid (the usual case: a step that is a whole number of
    samples) share their samples, so the spline is evaluated once over their span and each window is a view
    into it; otherwise every window is evaluated on its own grid. ``grid`` (aligned, origin) is decided over
    all windows of a run, so a chunk of them samples exactly the points the whole run would.
    """
    aligned, origin = grid
    if aligned:
        steps = np.round((starts_s - origin) * fs).astype(np.intp)
        whole = spline(origin + np.arange(int(steps[0]), int(steps[-1]) + samples) / fs)
        rows = (steps - steps[0])[:, None] + np.arange(samples)[None, :]
        return np.asarray(whole[rows], dtype=np.float64)
    points = starts_s[:, None] + np.arange(samples)[None, :] / fs
    return np.asarray(spline(points), dtype=np.float64)


def _covered(nn_times_s: FloatArray, nn_ms: FloatArray, w: NNWindows) -> np.ndarray:
    """Windows whose NN beats reach both edges (within one interval), so the spline interpolates."""
    first = np.searchsorted(nn_times_s, w.starts_s, side="left")
    last = np.searchsorted(nn_times_s, w.ends_s, side="left") - 1
    ok = (first < nn_times_s.size) & (last >= 0) & (last >= first)
    first_c = np.clip(first, 0, nn_times_s.size - 1)
    last_c = np.clip(last, 0, nn_times_s.size - 1)
    starts_ok = nn_times_s[first_c] - nn_ms[first_c] / 1000.0 <= w.starts_s + 1e-9
    ends_ok = nn_times_s[last_c] + _next_interval(nn_ms, last_c) / 1000.0 >= w.ends_s - 1e-9
    return np.asarray(ok & starts_ok & ends_ok)


def _next_interval(nn_ms: FloatArray, index: np.ndarray) -> FloatArray:
    following = np.clip(index + 1, 0, nn_ms.size - 1)
    return np.asarray(nn_ms[following])


def _smoothness_priors(series: FloatArray, lam: float) -> FloatArray:
    """Remove the smoothness-priors trend of each row (Tarvainen et al. 2002): z − (I + λ² D₂ᵀD₂)⁻¹ z."""
    n = series.shape[1]
    if n < 3:
        return series
    # (I + λ² D2ᵀ D2) is symmetric, banded with 2 bands on each side; solve all rows at once.
    second = np.array([1.0, -4.0, 6.0, -4.0, 1.0])
    bands = np.zeros((3, n))
    diagonal = np.full(n, second[2])
    diagonal[[0, -1]] = 1.0
    diagonal[[1, -2]] = 5.0
    first_off = np.full(n - 1, second[1])
    first_off[[0, -1]] = -2.0
    bands[0, 2:] = lam**2 * second[0]
    bands[1, 1:] = lam**2 * first_off
    bands[2] = 1.0 + lam**2 * diagonal
    rows_ok = np.all(np.isfinite(series), axis=1)
    detrended = np.full_like(series, np.nan)
    if rows_ok.any():
        from scipy import linalg

        trend = linalg.solveh_banded(bands, series[rows_ok].T)
        detrended[rows_ok] = series[rows_ok] - trend.T
    return detrended
