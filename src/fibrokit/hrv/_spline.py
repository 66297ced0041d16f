"""The cubic spline through an NN series, with "not-a-knot" ends, without SciPy.

Welch spectra resample the NN series on an even grid through this spline. It is the spline of SciPy's
``CubicSpline(x, y)`` (default ends, extrapolating): the slopes at the knots solve a tridiagonal system whose
first and last rows make the third derivative continuous at the second and second-to-last knots; each piece is
then a cubic in ``x - x[i]``, evaluated by Horner's rule. The system is solved by forward elimination and
back substitution, one pass each way, so values agree with SciPy's to rounding (a test checks 1e-12), and
Python, NumPy and the 0.5 s that importing ``scipy.interpolate`` takes are all it needs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


_BLOCK = 1 << 15  # knots eliminated at a time as Python floats, so memory stays a few arrays of the series


class NotAKnotSpline:
    """Cubic spline with not-a-knot ends through ``(x, y)``, ``x`` strictly increasing, at least 4 knots.

    Only the slope at each knot is kept (besides ``x`` and ``y``); a piece's cubic is formed when it is
    evaluated, so a week of beats holds one extra array of the series' length.
    """

    def __init__(self, x: FloatArray, y: FloatArray) -> None:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if x.size < 4 or x.size != y.size:
            raise ValueError(
                f"the spline needs at least 4 knots and one value per knot, not {x.size}, {y.size}"
            )
        self.x, self.y = x, y
        self._s = _knot_slopes(x, y)

    def __call__(self, at: FloatArray) -> FloatArray:
        """The spline's values at ``at`` (the first and last pieces continue beyond the knots)."""
        at = np.asarray(at, dtype=np.float64)
        piece = np.clip(np.searchsorted(self.x, at, side="right") - 1, 0, self.x.size - 2)
        x0, y0, s0 = self.x[piece], self.y[piece], self._s[piece]
        dx = self.x[piece + 1] - x0
        slope = (self.y[piece + 1] - y0) / dx
        t = (s0 + self._s[piece + 1] - 2.0 * slope) / dx
        h = at - x0
        return np.asarray(((t / dx * h + ((slope - s0) / dx - t)) * h + s0) * h + y0, dtype=np.float64)


def _knot_slopes(x: FloatArray, y: FloatArray) -> FloatArray:
    """Slopes at the knots: the tridiagonal not-a-knot system, solved by the Thomas algorithm in blocks.

    Row ``i`` reads ``lower[i]·s[i-1] + diag[i]·s[i] + upper[i]·s[i+1] = rhs[i]``. Forward elimination keeps,
    per row, ``upper / pivot`` and ``rhs / pivot``; back substitution turns the second into the slopes.
    """
    n = x.size
    ratio = np.empty(n)  # upper[i] / pivot[i]
    slopes = np.empty(n)  # rhs[i] / pivot[i], then the slopes
    prev_ratio = prev_value = 0.0
    for lo in range(0, n, _BLOCK):
        hi = min(n, lo + _BLOCK)
        lower, diag, upper, rhs = (v.tolist() for v in _rows(x, y, lo, hi))
        out_ratio, out_value = [0.0] * (hi - lo), [0.0] * (hi - lo)
        for i in range(hi - lo):
            pivot = diag[i] - lower[i] * prev_ratio
            prev_ratio = upper[i] / pivot
            prev_value = (rhs[i] - lower[i] * prev_value) / pivot
            out_ratio[i], out_value[i] = prev_ratio, prev_value
        ratio[lo:hi], slopes[lo:hi] = out_ratio, out_value
    following = 0.0
    for hi in range(n, 0, -_BLOCK):
        lo = max(0, hi - _BLOCK)
        block_ratio, block = ratio[lo:hi].tolist(), slopes[lo:hi].tolist()
        for i in range(hi - lo - 1, -1, -1):
            following = block[i] - block_ratio[i] * following
            block[i] = following
        slopes[lo:hi] = block
    return slopes


def _rows(
    x: FloatArray, y: FloatArray, lo: int, hi: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Rows ``lo`` to ``hi`` of the system: lower, diagonal and upper coefficients and the right-hand side."""
    n = x.size
    a, b = max(lo - 1, 0), min(hi + 1, n)  # the knots these rows reach
    dx = np.diff(x[a:b])
    slope = np.diff(y[a:b]) / dx
    rows = np.arange(lo, hi)
    inner = (rows > 0) & (rows < n - 1)
    k = rows[inner] - a  # row i couples the intervals i-1 (index k-1) and i (index k)
    lower, diag, upper, rhs = (np.zeros(hi - lo) for _ in range(4))
    lower[inner], diag[inner], upper[inner] = dx[k], 2.0 * (dx[k - 1] + dx[k]), dx[k - 1]
    rhs[inner] = 3.0 * (dx[k] * slope[k - 1] + dx[k - 1] * slope[k])
    if lo == 0:  # not-a-knot at the start: the third derivative continuous at x[1]
        d0, d1, s0, s1 = (
            x[1] - x[0],
            x[2] - x[1],
            (y[1] - y[0]) / (x[1] - x[0]),
            (y[2] - y[1]) / (x[2] - x[1]),
        )
        d = x[2] - x[0]
        diag[0], upper[0] = d1, d
        rhs[0] = ((d0 + 2.0 * d) * d1 * s0 + d0**2 * s1) / d
    if hi == n:  # and at x[-2]
        d0, d1 = x[-2] - x[-3], x[-1] - x[-2]
        s0, s1 = (y[-2] - y[-3]) / d0, (y[-1] - y[-2]) / d1
        d = x[-1] - x[-3]
        lower[-1], diag[-1] = d, d0
        rhs[-1] = (d1**2 * s0 + (2.0 * d + d1) * d0 * s1) / d
    return lower, diag, upper, rhs
