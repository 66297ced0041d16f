"""Heart-rate variability over sliding windows, delivered a chunk of windows at a time in constant memory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TypedDict

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.hrv._engine import check_domains
from fibrokit.hrv._minimum import warn_too_little
from fibrokit.hrv._nn import SeriesIndex, series_index, series_origin
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv._run import block_nn_range, offsets_between, window_table
from fibrokit.hrv._welch import on_one_grid
from fibrokit.hrv.result import HrvTable
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries

CHUNK_WINDOWS = 256  # windows computed together: enough to amortise NumPy's per-call cost, few enough MB
_RANGE_BEATS = 1 << 16  # beats looked at a time for the run's range of NN intervals


class WindowOptions(TypedDict, total=False):
    """The keyword options of a windowed analysis (see :func:`hrv_window_chunks` for each and its default)."""

    window_s: float
    step_s: float
    domains: Sequence[str] | None
    settings: HrvSettings | None
    start_s: float | None
    end_s: float | None
    artifact_method: str


def hrv_window_chunks(
    series: BeatSeries,
    *,
    window_s: float = 300.0,
    step_s: float = 30.0,
    domains: Sequence[str] | None = None,
    settings: HrvSettings | None = None,
    start_s: float | None = None,
    end_s: float | None = None,
    artifact_method: str = "none",
    chunk_windows: int = CHUNK_WINDOWS,
) -> Iterator[HrvTable]:
    """Compute HRV metrics in windows of ``window_s`` seconds every ``step_s`` seconds, a chunk at a time.

    Windows are ``[start + k·step, start + k·step + window)`` for every ``k`` whose window ends by ``end_s``.
    The windows of a chunk are computed together (one NumPy reduction per statistic rather than a Python loop
    over windows), and each chunk is yielded as it is done: only ``chunk_windows`` windows are held at a time,
    so memory does not grow with the recording's length and a week of beats can be written out as it is
    analysed. :func:`~fibrokit.hrv_windows` joins the chunks into one table; a window's values do not depend on
    the chunk it falls in. Windows below a metric's minimum data get NaN for it.

    Parameters
    ----------
    series : BeatSeries
        Beats with their flags.
    window_s, step_s : float
        Window length and step in seconds.
    domains, settings, artifact_method
        As for :func:`fibrokit.hrv`.
    start_s, end_s : float, optional
        Span to cover; default from the start of the first interval to the last beat.
    chunk_windows : int
        Windows per chunk (the last chunk may hold fewer).

    Yields
    ------
    HrvTable
        The next ``chunk_windows`` windows, in time order.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries
    >>> from fibrokit.hrv.hrv_window_chunks import hrv_window_chunks
    >>> rr = 800 + 40 * np.sin(2 * np.pi * 0.25 * np.arange(2000) * 0.8)
    >>> [len(t) for t in hrv_window_chunks(BeatSeries.from_rr(rr), window_s=300, step_s=60, chunk_windows=10)]
    [10, 10, 2]
    """
    if chunk_windows < 1:
        raise ValueError(f"`chunk_windows` must be at least 1, not {chunk_windows}")
    chosen = settings or HrvSettings()
    wanted = check_domains(domains)
    offsets = window_offsets(series, window_s, step_s, start_s, end_s)
    index = _run_index(series, offsets, window_s, chosen)
    problems: dict[str, list[str | int]] = {}
    for first in range(0, offsets.size, chunk_windows):
        chunk = offsets[first : first + chunk_windows]
        yield window_table(series, chunk, window_s, wanted, chosen, index, problems, artifact_method)
    # One warning for the whole run, once every window is done.
    warn_too_little(problems, int(offsets.size), stacklevel=2)


def window_offsets(
    series: BeatSeries, window_s: float, step_s: float, start_s: float | None, end_s: float | None
) -> FloatArray:
    """Offsets of the windows from the series' origin; errors for impossible windows."""
    if len(series) < 2:
        raise InsufficientData(f"HRV needs at least two beats; the series holds {len(series)}")
    return offsets_between(series_origin(series), float(series.times_s[-1]), window_s, step_s, start_s, end_s)


def _run_index(
    series: BeatSeries, offsets: FloatArray, window_s: float, settings: HrvSettings
) -> SeriesIndex:
    """The series index, with what must be decided over all windows of the run rather than per chunk."""
    index = series_index(series, settings)
    starts = offsets if settings.retime_from_intervals else index.origin + offsets
    grid = on_one_grid(index.origin + offsets, settings.resample_hz)
    return replace(index, nn_range_ms=_nn_range(series, index.times, starts, window_s), welch_grid=grid)


def _nn_range(
    series: BeatSeries, times: FloatArray, starts: FloatArray, window_s: float
) -> tuple[float, float] | None:
    """Smallest and largest NN interval inside any window, looked for a block of beats at a time."""
    low, high = np.inf, -np.inf
    for first in range(0, len(series), _RANGE_BEATS):
        block = slice(first, first + _RANGE_BEATS)
        lo, hi = block_nn_range(times[block], series.rr_ms[block], series.flags[block], starts, window_s)
        low, high = min(low, lo), max(high, hi)
    return (low, high) if low <= high else None
