"""The NN data of many analysis windows, gathered once and shared by every metric kernel."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fibrokit.hrv._ragged import FloatArray, Ragged, ragged_indices
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatFlag, BeatSeries


@dataclass(frozen=True)
class NNWindows:
    """NN intervals and successive NN differences of each window.

    Attributes
    ----------
    starts_s, ends_s : array
        Window edges; a beat belongs to a window when ``start <= time < end``.
    nn : Ragged
        NN intervals (ms) of each window, in time order.
    nn_times_s : array
        Beat time of each flat NN value.
    diffs : Ragged
        Successive NN differences (ms) of each window, as chosen by ``settings.pairs``.
    pair_sums : array
        For each flat difference, the sum of the two intervals it joins (for Poincaré SD2).
    beats : array
        Number of beats of any flag in each window.
    covered_s : array
        Recording time covered by the window's beats: the sum of their intervals, whatever their flags (time
        lost to gaps in the recording is not covered).
    """

    starts_s: FloatArray
    ends_s: FloatArray
    nn: Ragged
    nn_times_s: FloatArray
    diffs: Ragged
    pair_sums: FloatArray
    beats: FloatArray
    covered_s: FloatArray
    index: SeriesIndex | None = None

    @property
    def count(self) -> int:
        """Number of windows."""
        return int(self.starts_s.size)

    @property
    def normal_share(self) -> FloatArray:
        """Share of the window's beats that are normal (NaN for a window without beats)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.nn.counts / self.beats


@dataclass(frozen=True)
class SeriesIndex:
    """What every window of one series shares, decided once however many chunks of windows are computed.

    Nothing here grows with the recording beyond the series itself: each chunk finds its own normal beats in
    the stretch of the series its windows cover (:func:`span_beats`), so a week of beats costs no more working
    memory than an hour.

    Attributes
    ----------
    origin : float
        :func:`series_origin` of the series.
    times : array
        Beat times windows are cut on (the series' times, or running sums of intervals when retimed).
    nn_range_ms : tuple of float, optional
        Smallest and largest NN interval over all windows of the run, so histograms of every chunk share bins.
    welch_grid : tuple of (bool, float), optional
        Whether all windows' starts fall on one sampling grid, and its origin, decided over the whole run.
    """

    origin: float
    times: FloatArray
    nn_range_ms: tuple[float, float] | None = None
    welch_grid: tuple[bool, float] | None = None


@dataclass(frozen=True)
class SpanBeats:
    """The normal beats of one stretch ``[first, stop)`` of a series, by their positions in the series.

    Attributes
    ----------
    nn_index : array
        Positions of the normal beats.
    pair_later : array
        Positions of the later beat of each pair of adjacent normal beats (both inside the stretch).
    """

    nn_index: npt.NDArray[np.intp]
    pair_later: npt.NDArray[np.intp]


def series_index(series: BeatSeries, settings: HrvSettings) -> SeriesIndex:
    """The beat times of ``series`` that every window is cut on (see :class:`SeriesIndex`)."""
    # The toolbox times each beat by the running sum of intervals from zero and compares those sums with
    # window offsets; doing the same keeps beats that sit on a window edge on the same side.
    times = np.cumsum(series.rr_ms / 1000.0) if settings.retime_from_intervals else series.times_s
    return SeriesIndex(series_origin(series), times)


def span_beats(series: BeatSeries, first: int, stop: int) -> SpanBeats:
    """The normal beats and adjacent normal pairs among the beats ``first`` to ``stop − 1``."""
    normal = series.flags[first:stop] == BeatFlag.NORMAL
    nn_index = first + np.flatnonzero(normal)
    later = first + 1 + np.flatnonzero(normal[1:] & normal[:-1])
    return SpanBeats(nn_index.astype(np.intp), later.astype(np.intp))


def covering_span(times: FloatArray, starts: FloatArray, ends: FloatArray) -> tuple[int, int]:
    """Positions ``[first, stop)`` of the beats that windows ``[start, end)`` can reach, and one beat either side."""
    first = int(np.searchsorted(times, np.min(starts), side="left")) - 1
    stop = int(np.searchsorted(times, np.max(ends), side="left")) + 1
    return max(first, 0), min(stop, times.size)


def series_origin(series: BeatSeries) -> float:
    """Start of the first interval of the series: the time origin of its analysis windows."""
    return float(series.times_s[0] - series.rr_ms[0] / 1000.0) if len(series) else 0.0


def nn_windows(
    series: BeatSeries,
    offsets_s: npt.ArrayLike,
    length_s: float,
    settings: HrvSettings,
    index: SeriesIndex | None = None,
) -> NNWindows:
    """Gather the NN intervals and differences of the windows ``[origin + offset, origin + offset + length)``.

    ``origin`` is :func:`series_origin`. Window edges are reported on the series' time axis. ``index`` is the
    series' :func:`series_index` when several chunks of windows of one series are gathered in turn.
    """
    offsets = np.atleast_1d(np.asarray(offsets_s, dtype=np.float64))
    index = index if index is not None else series_index(series, settings)
    origin, times = index.origin, index.times
    if settings.retime_from_intervals:
        starts, ends = offsets, offsets + length_s
    else:
        starts, ends = origin + offsets, origin + offsets + length_s
    # Only the stretch of the series these windows cover is looked at, so a chunk's work and memory are its own.
    span = span_beats(series, *covering_span(times, starts, ends))
    nn_index = span.nn_index
    nn_times = times[nn_index]
    lo = np.searchsorted(nn_times, starts, side="left")
    hi = np.searchsorted(nn_times, ends, side="left")
    nn = Ragged.gather(series.rr_ms[nn_index], lo, hi)
    flat_times = nn_times[ragged_indices(lo, hi)]
    if settings.pairs == "concatenated":
        diffs, pair_sums = _concatenated_pairs(nn)
    else:
        diffs, pair_sums = _adjacent_pairs(series, times, span.pair_later, starts, ends)
    all_lo = np.searchsorted(times, starts, side="left")
    all_hi = np.searchsorted(times, ends, side="left")
    beats = (all_hi - all_lo).astype(np.float64)
    covered = Ragged.gather(series.rr_ms, all_lo, all_hi).sum() / 1000.0
    if settings.retime_from_intervals:
        starts, ends, flat_times = origin + starts, origin + ends, origin + flat_times
    return NNWindows(starts, ends, nn, flat_times, diffs, pair_sums, beats, covered, index)


def _concatenated_pairs(nn: Ragged) -> tuple[Ragged, FloatArray]:
    values = nn.values
    counts = nn.counts
    # Within each window, pair every NN interval with the next one in the window, whatever lies between them.
    keep = np.ones(values.size, dtype=bool)
    keep[nn.offsets[:-1][counts > 0]] = False
    later = np.flatnonzero(keep)
    diffs = values[later] - values[later - 1]
    sums = values[later] + values[later - 1]
    offsets = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(np.maximum(counts - 1, 0), out=offsets[1:])
    return Ragged(diffs, offsets), sums


def _adjacent_pairs(
    series: BeatSeries,
    times: FloatArray,
    later: npt.NDArray[np.intp],
    starts: FloatArray,
    ends: FloatArray,
) -> tuple[Ragged, FloatArray]:
    # A Task Force NN difference joins two normal intervals that follow each other in the recording: ``later``
    # holds the second beat of each such pair.
    rr = series.rr_ms
    lo = np.searchsorted(times[later - 1], starts, side="left")
    hi = np.searchsorted(times[later], ends, side="left")
    hi = np.maximum(hi, lo)
    index = ragged_indices(lo, hi)
    pairs = later[index]
    counts = hi - lo
    offsets = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(counts, out=offsets[1:])
    return Ragged(rr[pairs] - rr[pairs - 1], offsets), rr[pairs] + rr[pairs - 1]
