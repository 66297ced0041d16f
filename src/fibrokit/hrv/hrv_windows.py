"""Heart-rate variability over sliding windows, computed together a chunk of windows at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

import numpy as np

from fibrokit.hrv.hrv_window_chunks import WindowOptions, hrv_window_chunks
from fibrokit.hrv.result import HrvTable
from fibrokit.records import BeatSeries


def hrv_windows(series: BeatSeries, **options: Unpack[WindowOptions]) -> HrvTable:
    """Compute HRV metrics in windows of ``window_s`` seconds every ``step_s`` seconds, as one table.

    Windows are ``[start + k·step, start + k·step + window)`` for every ``k`` whose window ends by ``end_s``.
    They are the windows of :func:`~fibrokit.hrv.hrv_window_chunks` (which computes them a chunk at a time, one
    NumPy reduction per statistic over the chunk rather than a Python loop over windows) joined into one table;
    for a recording too long to hold every window's row, take the chunks as they come instead. Each row carries
    its beat count and share of normal beats; windows below a metric's minimum data get NaN for it.

    Parameters
    ----------
    series : BeatSeries
        Beats with their flags.
    **options
        ``window_s`` and ``step_s`` (window length and step in seconds; 300 and 30 by default), ``domains``,
        ``settings``, ``artifact_method`` (as for :func:`fibrokit.hrv`), ``start_s`` and ``end_s`` (the span to
        cover; by default from the start of the first interval to the last beat): see
        :func:`~fibrokit.hrv.hrv_window_chunks`.

    Returns
    -------
    HrvTable
        One row per window.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries, hrv_windows
    >>> rr = 800 + 40 * np.sin(2 * np.pi * 0.25 * np.arange(2000) * 0.8)
    >>> table = hrv_windows(BeatSeries.from_rr(rr), window_s=300, step_s=60)
    >>> len(table), table["mean_nn_ms"].round(1).tolist()[:2]
    (22, [800.0, 799.9])
    """
    return _join_tables(list(hrv_window_chunks(series, **options)))


def _join_tables(chunks: Sequence[HrvTable]) -> HrvTable:
    """One table of the windows of consecutive chunks (which share settings and columns)."""
    if len(chunks) == 1:
        return chunks[0]
    first = chunks[0]
    insufficient: dict[str, int] = {}
    for chunk in chunks:
        for symbol, count in chunk.insufficient.items():
            insufficient[symbol] = insufficient.get(symbol, 0) + count
    return HrvTable(
        {symbol: np.concatenate([c.columns[symbol] for c in chunks]) for symbol in first.columns},
        np.concatenate([c.start_s for c in chunks]),
        np.concatenate([c.end_s for c in chunks]),
        np.concatenate([c.beats for c in chunks]),
        np.concatenate([c.normal_share for c in chunks]),
        first.settings,
        first.artifact_method,
        insufficient=insufficient,
    )
