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


class NotAKnotSpline:
    """Cubic spline with not-a-knot ends through ``(x, y)``, ``x`` strictly increasing, at least 4 knots."""

    def __init__(self, x: FloatArray, y: FloatArray) -> None:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if x.size < 4 or x.size != y.size:
            raise ValueError(
                f"the spline needs at least 4 knots and one value per knot, not {x.size}, {y.size}"
            )
        dx = np.diff(x)
        slope = np.diff(y) / dx
        s = _knot_slopes(x, dx, slope)
        t = (s[:-1] + s[1:] - 2.0 * slope) / dx
        self.x = x
        self._c = (t / dx, (slope - s[:-1]) / dx - t, s[:-1], y[:-1])

    def __call__(self, at: FloatArray) -> FloatArray:
        """The spline's values at ``at`` (the first and last pieces continue beyond the knots)."""
        at = np.asarray(at, dtype=np.float64)
        piece = np.clip(np.searchsorted(self.x, at, side="right") - 1, 0, self.x.size - 2)
        h = at - self.x[piece]
        c3, c2, c1, c0 = (c[piece] for c in self._c)
        return np.asarray(((c3 * h + c2) * h + c1) * h + c0, dtype=np.float64)


def _knot_slopes(x: FloatArray, dx: FloatArray, slope: FloatArray) -> FloatArray:
    """Slopes at the knots: the tridiagonal not-a-knot system, solved by the Thomas algorithm."""
    n = x.size
    lower = np.empty(n)  # coefficient of s[i-1] in row i
    diag = np.empty(n)
    upper = np.empty(n)  # coefficient of s[i+1] in row i
    rhs = np.empty(n)
    lower[1:-1], diag[1:-1], upper[1:-1] = dx[1:], 2.0 * (dx[:-1] + dx[1:]), dx[:-1]
    rhs[1:-1] = 3.0 * (dx[1:] * slope[:-1] + dx[:-1] * slope[1:])
    d = x[2] - x[0]
    diag[0], upper[0] = dx[1], d
    rhs[0] = ((dx[0] + 2.0 * d) * dx[1] * slope[0] + dx[0] ** 2 * slope[1]) / d
    d = x[-1] - x[-3]
    lower[-1], diag[-1] = d, dx[-2]
    rhs[-1] = (dx[-1] ** 2 * slope[-2] + (2.0 * d + dx[-1]) * dx[-2] * slope[-1]) / d
    lo, di, up, r = lower.tolist(), diag.tolist(), upper.tolist(), rhs.tolist()
    for i in range(1, n):  # forward elimination
        factor = lo[i] / di[i - 1]
        di[i] -= factor * up[i - 1]
        r[i] -= factor * r[i - 1]
    out = [0.0] * n
    out[-1] = r[-1] / di[-1]
    for i in range(n - 2, -1, -1):  # back substitution
        out[i] = (r[i] - up[i] * out[i + 1]) / di[i]
    return np.asarray(out, dtype=np.float64)
