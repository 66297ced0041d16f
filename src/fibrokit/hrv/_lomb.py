"""Lomb-Scargle periodograms of many windows of unevenly timed NN intervals, via extirpolation and the FFT.

The Lomb-Scargle periodogram (Lomb 1976; Scargle 1982) needs, at every frequency, the sums
``Σ y·exp(iωt)`` and ``Σ exp(2iωt)`` over the beats. Evaluating them directly costs beats × frequencies, which
is too slow for a 24-hour recording. Press & Rybicki (1989, Astrophys J 338:277) showed that both sums can be had
from FFTs: each beat's contribution is spread ("extirpolated") onto a few neighbouring points of a regular grid
with Lagrange weights, so that the grid reproduces ``exp(iωt)`` to high accuracy for every frequency well below
the grid's Nyquist rate. Here the grid is made fine enough (``_GRID_MARGIN`` times the highest frequency needed)
and the weights long enough (``_ORDER`` points) that band powers agree with the direct sums to about 1e-6
(checked against SciPy's exact ``lombscargle`` in the tests). Windows are processed as rows of one 2-D FFT.
"""

from __future__ import annotations

from math import factorial

import numpy as np
import numpy.typing as npt

from fibrokit.hrv._ragged import FloatArray, Ragged

ComplexArray = npt.NDArray[np.complex128]

_ORDER = 6  # points each beat is spread over
_GRID_MARGIN = 4  # grid Nyquist rate / highest frequency evaluated (doubled frequencies included)
_CHUNK_CELLS = 125_000  # grid cells processed per batch of windows: a few MB, whatever the chunk of windows


def lomb_periodogram(
    times_s: FloatArray, values: Ragged, df_hz: float, n_freq: int
) -> tuple[FloatArray, FloatArray]:
    """Classical Lomb-Scargle periodogram of each window at ``k · df_hz`` for ``k = 1 … n_freq``.

    Parameters
    ----------
    times_s : array
        Flat beat times aligned with ``values.values``.
    values : Ragged
        The values of each window (the window mean is removed here).
    df_hz : float
        Frequency step.
    n_freq : int
        Number of frequencies.

    Returns
    -------
    frequencies : array, shape (n_freq,)
    power : array, shape (windows, n_freq)
        ``½ [ (Σ y cos ω(t−τ))² / Σ cos² ω(t−τ) + (Σ y sin ω(t−τ))² / Σ sin² ω(t−τ) ]``; NaN rows for windows with
        fewer than 3 values.
    """
    frequencies = df_hz * np.arange(1, n_freq + 1)
    counts = values.counts.astype(np.float64)
    power = np.full((counts.size, n_freq), np.nan)
    centred = values.centered()
    size = _grid_size(n_freq)
    per_chunk = max(1, _CHUNK_CELLS // size)
    for first in range(0, counts.size, per_chunk):
        windows = np.arange(first, min(first + per_chunk, counts.size))
        power[windows] = _chunk_power(times_s, centred, values, windows, df_hz, n_freq, size)
    power[counts < 3] = np.nan
    return np.asarray(frequencies, dtype=np.float64), power


def _grid_size(n_freq: int) -> int:
    needed = _GRID_MARGIN * 4 * n_freq  # doubled frequencies, and a Nyquist margin on both sides
    return int(2 ** np.ceil(np.log2(max(needed, 64))))


def _chunk_power(
    times_s: FloatArray,
    centred: FloatArray,
    values: Ragged,
    windows: npt.NDArray[np.intp],
    df_hz: float,
    n_freq: int,
    size: int,
) -> FloatArray:
    lo, hi = values.offsets[windows[0]], values.offsets[windows[-1] + 1]
    row = values.segment_ids[lo:hi] - windows[0]
    t = times_s[lo:hi]
    y = centred[lo:hi]
    # Grid position of each beat: one grid step is 1 / (size · df) s, so FFT bin k is frequency k · df. The
    # origin is each window's first beat (the periodogram does not depend on a time shift).
    first_time = np.full(windows.size, np.nan)
    starts = values.offsets[windows] - lo
    nonempty = values.counts[windows] > 0
    first_time[nonempty] = t[starts[nonempty]]
    position = (t - first_time[row]) * df_hz * size
    sums_y = _spread_fft(row, position, y, windows.size, size)[:, 1 : n_freq + 1]
    sums_2 = _spread_fft(row, 2.0 * position, np.ones_like(y), windows.size, size)[:, 1 : n_freq + 1]
    n = values.counts[windows].astype(np.float64)[:, None]
    magnitude = np.abs(sums_2)
    rotated = sums_y * np.exp(-0.5j * np.angle(sums_2))
    with np.errstate(invalid="ignore", divide="ignore"):
        power = 0.5 * (rotated.real**2 / ((n + magnitude) / 2) + rotated.imag**2 / ((n - magnitude) / 2))
    return np.asarray(power, dtype=np.float64)


def _spread_fft(
    row: npt.NDArray[np.intp], position: FloatArray, weight: FloatArray, rows: int, size: int
) -> ComplexArray:
    """``Σ_j weight_j · exp(−2πi k position_j / size)`` for each row and every k, by extirpolation and FFT.

    The conjugate of the sums the periodogram is written with; it only flips the sign of imaginary parts in
    both sums alike, which the periodogram (built from squares and a half-angle) does not see.
    """
    base = np.floor(position).astype(np.intp) - (_ORDER // 2 - 1)
    offset = position - base  # in [ORDER/2 - 1, ORDER/2)
    lagrange = _lagrange_weights(offset)
    cells = (base[:, None] + np.arange(_ORDER)[None, :]) % size
    flat = (row[:, None] * size + cells).ravel()
    grid = np.bincount(flat, weights=(weight[:, None] * lagrange).ravel(), minlength=rows * size)
    return np.fft.rfft(grid.reshape(rows, size), axis=1)


def _lagrange_weights(offset: FloatArray) -> FloatArray:
    """Weights of the ``_ORDER`` grid points 0 … ORDER−1 for a point at ``offset`` (Lagrange interpolation)."""
    nodes = np.arange(_ORDER, dtype=np.float64)
    distance = offset[:, None] - nodes[None, :]
    # The product of all distances but the h-th, as the products of those before it and of those after it.
    before = np.ones_like(distance)
    after = np.ones_like(distance)
    for h in range(1, _ORDER):
        before[:, h] = before[:, h - 1] * distance[:, h - 1]
        after[:, _ORDER - 1 - h] = after[:, _ORDER - h] * distance[:, _ORDER - h]
    denominators = np.array(
        [(-1) ** (_ORDER - 1 - h) * factorial(h) * factorial(_ORDER - 1 - h) for h in range(_ORDER)],
        dtype=np.float64,
    )
    return np.asarray(before * after / denominators[None, :], dtype=np.float64)
