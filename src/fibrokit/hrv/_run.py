"""What a windowed run decides over the whole recording: where its windows lie and the range of its NN intervals."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.hrv._engine import compute
from fibrokit.hrv._nn import SeriesIndex
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv.result import HrvTable
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatFlag, BeatSeries


def offsets_between(
    origin: float, last_s: float, window_s: float, step_s: float, start_s: float | None, end_s: float | None
) -> FloatArray:
    """Offsets from ``origin`` of the windows ``[start + k·step, start + k·step + window)`` that end by ``end_s``.

    ``last_s`` is the time of the last beat (the default end); the default start is ``origin``.
    """
    if not (window_s > 0 and step_s > 0):
        raise ValueError(f"`window_s` and `step_s` must be positive, not {window_s} and {step_s}")
    first = (origin if start_s is None else float(start_s)) - origin
    last = (last_s if end_s is None else float(end_s)) - origin
    count = int(np.floor((last - first - window_s) / step_s + 1e-9)) + 1
    if count < 1:
        raise InsufficientData(
            f"the series spans {last - first:.0f} s, shorter than one window of {window_s:g} s"
        )
    return first + step_s * np.arange(count, dtype=np.float64)


def block_nn_range(
    times: FloatArray, rr_ms: FloatArray, flags: np.ndarray, starts: FloatArray, window_s: float
) -> tuple[float, float]:
    """Smallest and largest NN interval of a block of beats inside any window (inf and -inf when none is)."""
    ends = starts + window_s  # as nn_windows computes them, so beats on an edge fall on the same side
    # A beat is inside some window when the last window starting at or before it has not yet ended (windows of
    # one length end in the order they start).
    last = np.searchsorted(starts, times, side="right") - 1
    inside = (last >= 0) & (times < ends[np.maximum(last, 0)])
    rr = rr_ms[inside & (flags == BeatFlag.NORMAL)]
    return (float(rr.min()), float(rr.max())) if rr.size else (np.inf, -np.inf)


def window_table(
    series: BeatSeries,
    offsets: FloatArray,
    window_s: float,
    domains: Sequence[str],
    settings: HrvSettings,
    index: SeriesIndex,
    problems: dict[str, list[str | int]],
    artifact_method: str,
) -> HrvTable:
    """The table of the windows at ``offsets`` (one chunk of a run; ``problems`` gathers its shortfalls)."""
    columns, w, blanked = compute(series, offsets, window_s, domains, settings, index, problems)
    return HrvTable(
        columns,
        w.starts_s,
        w.ends_s,
        w.beats,
        w.normal_share,
        settings,
        artifact_method,
        insufficient=blanked,
    )
