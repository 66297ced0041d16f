"""Ragged arrays: many windows of different lengths held flat, with statistics computed for all at once.

Windowed HRV over a 24-hour recording means thousands of overlapping windows. Rather than loop over windows
in Python, the NN intervals of every window are gathered into one flat array with offsets, and each statistic
is one NumPy reduction over segments. Overlapping windows share beats, so the flat array holds each beat once
per window it belongs to (about ten times for 5-minute windows with a 30-s step), which costs a few MB.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Ragged:
    """Values of many segments stored flat; segment ``w`` is ``values[offsets[w]:offsets[w + 1]]``."""

    values: FloatArray
    offsets: IntArray

    @classmethod
    def gather(cls, source: FloatArray, lo: IntArray, hi: IntArray) -> Ragged:
        """Collect ``source[lo[w]:hi[w]]`` for every segment ``w``."""
        return cls(source[ragged_indices(lo, hi)], _offsets(hi - lo))

    @property
    def counts(self) -> IntArray:
        """Number of values in each segment."""
        return np.diff(self.offsets)

    @property
    def segment_ids(self) -> IntArray:
        """Segment number of each flat value."""
        return np.repeat(np.arange(self.counts.size), self.counts)

    def map(self, values: FloatArray) -> Ragged:
        """Same segments, other values (e.g. a transformed copy)."""
        return Ragged(values, self.offsets)

    def sum(self, values: FloatArray | None = None) -> FloatArray:
        """Sum of each segment (of ``values`` when given, else of the segment values)."""
        data = self.values if values is None else values
        return np.bincount(self.segment_ids, weights=data, minlength=self.counts.size).astype(np.float64)

    def mean(self) -> FloatArray:
        """Mean of each segment; NaN for an empty segment."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.sum() / self.counts

    def centered(self) -> FloatArray:
        """Flat values minus their segment mean."""
        return self.values - np.repeat(self.mean(), self.counts)

    def var(self, ddof: int) -> FloatArray:
        """Variance of each segment with ``ddof`` (two-pass, so no loss of precision); NaN when too short."""
        squares = self.sum(self.centered() ** 2)
        with np.errstate(invalid="ignore", divide="ignore"):
            result = squares / (self.counts - ddof)
        return np.where(self.counts > ddof, result, np.nan)

    def std(self, ddof: int) -> FloatArray:
        """Standard deviation of each segment with ``ddof``."""
        return np.sqrt(self.var(ddof))

    def count_where(self, mask: npt.NDArray[np.bool_]) -> FloatArray:
        """Number of flat values in each segment for which ``mask`` holds."""
        return self.sum(mask.astype(np.float64))

    def min(self) -> FloatArray:
        """Minimum of each segment; NaN for an empty segment."""
        return self._reduce(np.minimum)

    def max(self) -> FloatArray:
        """Maximum of each segment; NaN for an empty segment."""
        return self._reduce(np.maximum)

    def _reduce(self, ufunc: np.ufunc) -> FloatArray:
        counts = self.counts
        result = np.full(counts.size, np.nan)
        filled = counts > 0
        if self.values.size:
            reduced = ufunc.reduceat(self.values, self.offsets[:-1][filled])
            result[filled] = reduced
        return result


def ragged_indices(lo: IntArray, hi: IntArray) -> IntArray:
    """Flat indices ``concatenate([arange(lo[w], hi[w]) for w])``, without a Python loop."""
    counts = np.maximum(hi - lo, 0)
    offsets = _offsets(counts)
    starts = np.repeat(lo - offsets[:-1], counts)
    return np.arange(int(offsets[-1]), dtype=np.intp) + starts


def _offsets(counts: IntArray) -> IntArray:
    offsets = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(np.maximum(counts, 0), out=offsets[1:])
    return offsets
