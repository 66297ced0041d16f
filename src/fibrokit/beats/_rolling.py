"""Centred rolling quantiles whose window shrinks at the series ends (no padding values are invented)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

FloatArray = npt.NDArray[np.float64]

_BLOCK_VALUES = 1 << 19  # window values sorted at a time (4 MiB of float64)


def rolling_quantile(values: FloatArray, width: int, q: tuple[float, ...]) -> FloatArray:
    """Quantiles ``q`` (linear interpolation) of the centred window of ``width`` values around each value.

    Near the ends the window holds only the values that exist, so the first value's window is its own value and
    the ``width // 2`` after it. Returns one row per quantile; the quantiles share one partial sort of each
    window, and each row is what that quantile alone would give.
    """
    n = values.size
    half = width // 2
    result = np.empty((len(q), n))
    if n >= width:
        windows = sliding_window_view(values, width)
        # A block of rows at a time: the quantile copies the windows it sorts, and all of them at once would
        # be ``width`` copies of a long recording.
        rows = max(1, _BLOCK_VALUES // width)
        for first in range(0, windows.shape[0], rows):
            block = windows[first : first + rows]
            result[:, half + first : half + first + block.shape[0]] = np.quantile(block, q, axis=1)
        edges = np.r_[0:half, n - half : n]
    else:
        edges = np.arange(n)
    for i in edges:
        result[:, i] = np.quantile(values[max(0, i - half) : i + half + 1], q)
    return result
