"""Template match counts for sample and approximate entropy, exact and fast for short and for long series.

Both entropies need, for each template of ``m`` (and ``m + 1``) consecutive intervals, how many other templates
lie within a tolerance ``r`` in the Chebyshev (maximum) distance. A direct count is quadratic in the number of
intervals: fine for a 5-minute window, far too slow for 80 000 beats.

* Short series (analysis windows) of quantised values are counted with bit sets, 64 pairs to a machine word;
  unquantised ones lag by lag over all windows at once.
* Long series of quantised values (RR intervals are always recorded on a clock: 1 ms, 1/1024 s, 1/fs of an
  ECG) are counted exactly on an integer grid: templates are grouped by their first value, and for each group
  the templates whose first value is within ``r`` are histogrammed over the remaining coordinates and counted
  with a summed-area table. The cost grows with the number of distinct first values, not with N².
* Anything else falls back to SciPy's k-d tree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_GRID_LIMIT = 4_000  # widest integer value range handled on the grid (per coordinate)
_BIT_GROUP = 32  # windows counted together with bit sets: neighbours in time, so of similar length


@dataclass(frozen=True)
class Tolerance:
    """A tolerance ``r`` in the units of the data, inclusive (``<= r``) or strict (``< r``)."""

    r: float
    strict: bool = False


def template_counts(x: FloatArray, length: int, tolerance: Tolerance) -> FloatArray:
    """Count, for every template of ``x``, the templates (itself included) within the tolerance.

    Templates are runs of ``length`` values; distance is the Chebyshev (maximum) distance.
    """
    grid = _integer_grid(x, tolerance)
    if grid is not None and length in (2, 3):
        codes, reach, _ = grid
        return _grid_counts(sliding_window_view(codes, length), reach)
    templates = sliding_window_view(x, length)
    from scipy.spatial import cKDTree  # imported on use: SciPy costs start-up time

    tree = cKDTree(templates)
    radius = np.nextafter(tolerance.r, 0.0) if tolerance.strict else tolerance.r
    return np.asarray(
        tree.query_ball_point(templates, radius, p=np.inf, return_length=True), dtype=np.float64
    )


def dense_counts(
    windows: list[FloatArray], lengths: tuple[int, ...], tolerances: FloatArray, strict: bool
) -> dict[int, list[FloatArray]]:
    """Per-template match counts (self included) of many short series, for several template lengths at once.

    Quantised data (the usual case) are counted with bit sets (:func:`_bit_counts`); anything else lag by lag
    (:func:`_lag_counts`). Both give every window exactly its own ``n − L + 1`` counts.
    """
    values = np.concatenate(windows) if windows else np.zeros(0)
    grid = (
        _integer_grid(values, Tolerance(float(np.max(tolerances, initial=0.0)), strict))
        if values.size
        else None
    )
    if grid is None:
        return _lag_counts(windows, lengths, tolerances, strict)
    codes, _, step = grid
    reaches = np.array([_reach(float(r), step, strict) for r in tolerances], dtype=np.int64)
    ends = np.cumsum([w.size for w in windows])
    counts: dict[int, list[FloatArray]] = {length: [] for length in lengths}
    for first in range(0, len(windows), _BIT_GROUP):
        last = min(first + _BIT_GROUP, len(windows))
        lo = int(ends[first - 1]) if first else 0
        group = _bit_counts(
            codes[lo : ends[last - 1]], np.diff(ends[first:last], prepend=lo), reaches[first:last], lengths
        )
        for length in lengths:
            counts[length].extend(group[length])
    return counts


def _bit_counts(
    codes: IntArray, sizes: IntArray, reaches: IntArray, lengths: tuple[int, ...]
) -> dict[int, list[FloatArray]]:
    """Exact match counts of a few windows of integer codes, each position's matches held as one bit set.

    For each value ``x_i`` the positions ``j`` with ``|x_j − x_i| <= reach`` are one bit set, read off a table
    of "positions whose value is at most v" (the window's positions sorted by value, OR-ed cumulatively): two
    look-ups and an AND-NOT per position instead of a comparison with every other value. A template of length
    ``L`` at ``i`` then matches the template at ``j`` where the sets of ``i, i+1, …, i+L−1``, shifted back by
    ``0, 1, …, L−1`` bits, all hold ``j``; its count is the population count of their AND. The work is the
    number of pairs divided by the 64 bits of a word.
    """
    rows = sizes.size
    longest = int(sizes.max())
    words = (longest + 63) // 64
    window = np.repeat(np.arange(rows), sizes)
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    position = np.arange(codes.size) - starts
    reach = np.maximum(reaches, 0)[window]  # a reach is never negative for a positive tolerance
    # Each window's values on its own stretch of a number line, far enough apart that ± reach stays inside.
    margin = int(reach.max(initial=0)) + 1
    span = int(codes.max() - codes.min()) + 2 * margin + 1
    cell = window * span + (codes - codes.min()) + margin
    at_most = np.cumsum(np.bincount(cell, minlength=rows * span).reshape(rows, span), axis=1).ravel()
    # Row k of a window's table: the positions of its k smallest values, as bits.
    rank = np.empty(codes.size, dtype=np.int64)
    rank[np.argsort(cell, kind="stable")] = np.arange(codes.size)
    table = np.zeros((rows, longest + 1, words), dtype=np.uint64)
    table[window, rank - starts + 1, position >> 6] = np.left_shift(
        np.uint64(1), (position & 63).astype(np.uint64)
    )
    np.bitwise_or.accumulate(table, axis=1, out=table)
    near = np.zeros((rows, longest + max(lengths), words), dtype=np.uint64)
    near[window, position] = table[window, at_most[cell + reach]] & ~table[window, at_most[cell - reach - 1]]
    counts: dict[int, list[FloatArray]] = {}
    run = near[:, :longest]
    moved = near
    for length in range(1, max(lengths) + 1):
        if length > 1:
            # The sets of the next position, one bit back: bit j of row i now says "i + L − 1 matches j + L − 1".
            following = moved[:, 1:]
            moved = following >> np.uint64(1)
            moved[:, :, :-1] |= following[:, :, 1:] << np.uint64(63)
            run = run & moved[:, :longest]
        if length in lengths:
            total = np.bitwise_count(run).sum(axis=2, dtype=np.int64)
            counts[length] = [
                total[w, : max(int(sizes[w]) - length + 1, 0)].astype(np.float64) for w in range(rows)
            ]
    return counts


def _lag_counts(
    windows: list[FloatArray], lengths: tuple[int, ...], tolerances: FloatArray, strict: bool
) -> dict[int, list[FloatArray]]:
    """Match counts of unquantised windows, visiting the pairs lag by lag over all windows at once.

    At lag ``k``, value ``i`` is compared with value ``i + k`` in every window at once, and a run of ``L``
    consecutive matches along that diagonal is a match of the templates of length ``L`` starting at ``i`` and
    ``i + k``. Each pair is visited once and all lengths share the comparisons; NaN padding after each window's
    end never matches.
    """
    longest = max((w.size for w in windows), default=0)
    padded = np.full((len(windows), longest), np.nan)
    for row, window in enumerate(windows):
        padded[row, : window.size] = window
    reach = tolerances[:, None]
    counts = {length: np.zeros((len(windows), longest), dtype=np.int32) for length in lengths}
    below = np.less if strict else np.less_equal
    for lag in range(1, longest):
        match = below(np.abs(padded[:, :-lag] - padded[:, lag:]), reach)
        run = match
        for length in range(1, max(lengths) + 1):
            if length > 1:
                run = run[:, :-1] & match[:, length - 1 :]
            if run.shape[1] == 0:
                break
            if length in counts:
                span = run.shape[1]
                counts[length][:, :span] += run
                counts[length][:, lag : lag + span] += run
    return {
        length: [
            counts[length][row, : max(w.size - length + 1, 0)].astype(np.float64) + 1.0
            for row, w in enumerate(windows)
        ]
        for length in lengths
    }


def _integer_grid(x: FloatArray, tolerance: Tolerance) -> tuple[IntArray, int, float] | None:
    """Integer codes of quantised data, the tolerance in grid steps and the step; None when not quantised."""
    if x.size < 2:
        return None
    unique = np.unique(x)
    if unique.size < 2:
        return None
    step = float(np.min(np.diff(unique)))
    codes_f = (x - unique[0]) / step
    codes = np.round(codes_f)
    if not np.allclose(codes_f, codes, rtol=0.0, atol=1e-6) or codes.max() > _GRID_LIMIT:
        return None
    return codes.astype(np.int64), _reach(tolerance.r, step, tolerance.strict), step


def _reach(r: float, step: float, strict: bool) -> int:
    """Express the tolerance in whole grid steps.

    |Δcode| · step <= r ⟺ |Δcode| <= floor(r / step); for < r, one step less when r falls exactly on a step.
    """
    ratio = r / step
    near = bool(np.isclose(ratio, np.round(ratio), rtol=0.0, atol=1e-9))
    if strict:
        return int(np.round(ratio)) - 1 if near else int(np.ceil(ratio)) - 1
    return int(np.round(ratio)) if near else int(np.floor(ratio))


def _grid_counts(templates: npt.NDArray[np.int64], reach: int) -> FloatArray:
    """Exact Chebyshev neighbour counts of integer templates of length 2 or 3."""
    n = templates.shape[0]
    counts = np.zeros(n)
    if reach < 0:
        return counts
    order = np.argsort(templates[:, 0], kind="stable")
    first = templates[order, 0]
    rest = templates[order, 1:]
    values, group_start = np.unique(first, return_index=True)
    group_end = np.append(group_start[1:], n)
    slab_lo = np.searchsorted(first, values - reach, side="left")
    slab_hi = np.searchsorted(first, values + reach, side="right")
    for g in range(values.size):
        queries = rest[group_start[g] : group_end[g]]
        points = rest[slab_lo[g] : slab_hi[g]]
        counts[order[group_start[g] : group_end[g]]] = _box_counts(points, queries, reach)
    return counts


def _box_counts(points: npt.NDArray[np.int64], queries: npt.NDArray[np.int64], reach: int) -> FloatArray:
    """How many ``points`` lie within ``reach`` (per coordinate) of each query, via a summed-area table."""
    low = queries.min(axis=0) - reach
    high = queries.max(axis=0) + reach
    inside = np.all((points >= low) & (points <= high), axis=1)
    shape = tuple(int(s) for s in high - low + 1)
    padded_shape = tuple(s + 1 for s in shape)
    local = points[inside] - low + 1
    flat = np.ravel_multi_index(tuple(local.T), padded_shape)
    table = np.bincount(flat, minlength=int(np.prod(padded_shape))).astype(np.float64).reshape(padded_shape)
    for axis in range(table.ndim):
        np.cumsum(table, axis=axis, out=table)
    q = queries - low
    upper = np.minimum(q + reach, np.array(shape) - 1) + 1
    lower = np.maximum(q - reach, 0)
    if table.ndim == 1:
        return np.asarray(table[upper[:, 0]] - table[lower[:, 0]], dtype=np.float64)
    return np.asarray(
        table[upper[:, 0], upper[:, 1]]
        - table[lower[:, 0], upper[:, 1]]
        - table[upper[:, 0], lower[:, 1]]
        + table[lower[:, 0], lower[:, 1]],
        dtype=np.float64,
    )
