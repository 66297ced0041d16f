"""Heart-rate variability over sliding windows, computed together a chunk of windows at a time."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fibrokit.hrv.hrv_window_chunks import hrv_window_chunks
from fibrokit.hrv.result import HrvTable
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries


def hrv_windows(
    series: BeatSeries,
    *,
    window_s: float = 300.0,
    step_s: float = 30.0,
    domains: Sequence[str] | None = None,
    settings: HrvSettings | None = None,
    start_s: float | None = None,
    end_s: float | None = None,
    artifact_method: str = "none",
) -> HrvTable:
    """Compute HRV metrics in windows of ``window_s`` seconds every ``step_s`` seconds.

    Windows are ``[start + k·step, start + k·step + window)`` for every ``k`` whose window ends by ``end_s``.
    Windows are computed together, a chunk at a time (one NumPy reduction per statistic rather than a Python
    loop over windows), so a 24-hour recording with 2,500 overlapping 5-minute windows takes seconds and
    memory stays flat however long the recording; :func:`~fibrokit.hrv.hrv_window_chunks.hrv_window_chunks`
    hands the chunks over as they are done, for writing out a week of windows as they come. Each row
    carries its beat count and share of normal beats; windows below a metric's minimum data get NaN for it.

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
    chunks = list(
        hrv_window_chunks(
            series,
            window_s=window_s,
            step_s=step_s,
            domains=domains,
            settings=settings,
            start_s=start_s,
            end_s=end_s,
            artifact_method=artifact_method,
        )
    )
    return _join_tables(chunks)


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
