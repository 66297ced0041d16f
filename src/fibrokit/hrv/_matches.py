"""Template match counts for sample and approximate entropy, exact and fast for short and for long series.

Both entropies need, for each template of ``m`` (and ``m + 1``) consecutive intervals, how many other templates
lie within a tolerance ``r`` in the Chebyshev (maximum) distance. A direct count is quadratic in the number of
intervals: fine for a 5-minute window, far too slow for 80 000 beats.

* Short series (analysis windows) are counted lag by lag over all windows at once.
* Long series of quantised values (RR intervals are always recorded on a clock: 1 ms, 1/1024 s, 1/fs of an
  ECG) are counted exactly on an integer grid: templates are grouped by their first value, and for each group
  the templates whose first value is within ``r`` are histogrammed over the remaining coordinates and counted
  with a summed-area table. The cost grows with the number of distinct first values, not with N².
* Anything else falls back to SciPy's k-d tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_GRID_LIMIT = 4_000  # widest integer value range handled on the grid (per coordinate)
_INT16_SPAN = 16_000  # codes below this differ by less than 2**15, so 16-bit differences cannot overflow


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

    The pairs are visited by lag: at lag ``k``, value ``i`` is compared with value ``i + k`` in every window at
    once, and a run of ``L`` consecutive matches along that diagonal is a match of the templates of length ``L``
    starting at ``i`` and ``i + k``. Each pair is visited once and all lengths share the comparisons. Quantised
    data are compared as integers (exactly, and with a quarter of the memory traffic); padding after each
    window's end never matches, so every window keeps exactly its own ``n − L + 1`` templates.
    """
    longest = max((w.size for w in windows), default=0)
    padded, reach = _padded(windows, longest, tolerances, strict)
    counts = {length: np.zeros((len(windows), longest), dtype=np.int16) for length in lengths}
    # Integer reaches already fold in strictness; float tolerances compare with < or <=.
    below = np.less if strict and padded.dtype.kind == "f" else np.less_equal
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


def _padded(
    windows: list[FloatArray], longest: int, tolerances: FloatArray, strict: bool
) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Windows as rows (integer codes when the data are quantised), and each row's tolerance to compare with.

    Rows are padded with values that match nothing: NaN for floats; for integer codes, values spaced more
    than the tolerance apart from each other and from the data.
    """
    values = np.concatenate(windows) if windows else np.zeros(0)
    grid = (
        _integer_grid(values, Tolerance(float(np.max(tolerances, initial=0.0)), strict))
        if values.size
        else None
    )
    if grid is not None:
        reach = np.array([_reach(float(r), grid[2], strict) for r in tolerances], dtype=np.int32)[:, None]
        gap = 2 * int(max(reach.max(initial=0), 0)) + 2
        pad = int(grid[0].max()) + gap + gap * np.arange(longest, dtype=np.int64)
        # 16-bit codes when every value (padding included) and every difference fits: half the memory traffic.
        small = int(pad[-1]) < _INT16_SPAN if pad.size else True
        rows = np.broadcast_to(pad, (len(windows), longest)).astype(np.int16 if small else np.int32)
        start = 0
        for row, window in enumerate(windows):
            rows[row, : window.size] = grid[0][start : start + window.size]
            start += window.size
        return rows, reach.astype(rows.dtype)
    rows_f = np.full((len(windows), longest), np.nan)
    for row, window in enumerate(windows):
        rows_f[row, : window.size] = window
    return rows_f, tolerances[:, None]


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
