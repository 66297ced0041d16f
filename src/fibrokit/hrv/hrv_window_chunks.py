"""Heart-rate variability over sliding windows, delivered a chunk of windows at a time in constant memory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.hrv._engine import check_domains, compute
from fibrokit.hrv._minimum import warn_too_little
from fibrokit.hrv._nn import SeriesIndex, series_index, series_origin
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv._welch import on_one_grid
from fibrokit.hrv.result import HrvTable
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries

CHUNK_WINDOWS = 256  # windows computed together: enough to amortise NumPy's per-call cost, few enough MB


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
    """Compute the windows of :func:`~fibrokit.hrv_windows` in consecutive chunks, yielding each as it is done.

    Every window is computed exactly as :func:`~fibrokit.hrv_windows` computes it (the values are identical);
    only ``chunk_windows`` windows are held at a time, so memory does not grow with the recording's length and
    a week of beats can be written out as it is analysed. ``len`` of the chunks adds up to all the windows.

    Parameters
    ----------
    series, window_s, step_s, domains, settings, start_s, end_s, artifact_method
        As for :func:`~fibrokit.hrv_windows`.
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
        columns, w, blanked = compute(series, chunk, window_s, wanted, chosen, index, problems)
        yield HrvTable(
            columns,
            w.starts_s,
            w.ends_s,
            w.beats,
            w.normal_share,
            chosen,
            artifact_method,
            insufficient=blanked,
        )
    # One warning for the whole run, once every window is done.
    warn_too_little(problems, int(offsets.size), stacklevel=2)


def window_offsets(
    series: BeatSeries, window_s: float, step_s: float, start_s: float | None, end_s: float | None
) -> FloatArray:
    """Offsets of the windows from the series' origin; errors for impossible windows."""
    if not (window_s > 0 and step_s > 0):
        raise ValueError(f"`window_s` and `step_s` must be positive, not {window_s} and {step_s}")
    if len(series) < 2:
        raise InsufficientData(f"HRV needs at least two beats; the series holds {len(series)}")
    origin = series_origin(series)
    first = (origin if start_s is None else float(start_s)) - origin
    last = (float(series.times_s[-1]) if end_s is None else float(end_s)) - origin
    count = int(np.floor((last - first - window_s) / step_s + 1e-9)) + 1
    if count < 1:
        raise InsufficientData(
            f"the series spans {last - first:.0f} s, shorter than one window of {window_s:g} s"
        )
    return first + step_s * np.arange(count, dtype=np.float64)


def _run_index(
    series: BeatSeries, offsets: FloatArray, window_s: float, settings: HrvSettings
) -> SeriesIndex:
    """The series index, with what must be decided over all windows of the run rather than per chunk."""
    index = series_index(series, settings)
    starts = offsets if settings.retime_from_intervals else index.origin + offsets
    ends = starts + window_s  # as nn_windows computes them, so beats on an edge fall on the same side
    nn_times = index.times[index.nn_index]
    lo = np.searchsorted(nn_times, starts, side="left")
    hi = np.searchsorted(nn_times, ends, side="left")
    # NN beats inside any window: +1 where a window begins, −1 where it ends, running sum positive.
    edges = np.zeros(nn_times.size + 1, dtype=np.intp)
    np.add.at(edges, lo, 1)
    np.add.at(edges, hi, -1)
    inside = index.nn_index[np.cumsum(edges[:-1]) > 0]
    span = (float(series.rr_ms[inside].min()), float(series.rr_ms[inside].max())) if inside.size else None
    grid = on_one_grid(index.origin + offsets, settings.resample_hz)
    return replace(index, nn_range_ms=span, welch_grid=grid)
