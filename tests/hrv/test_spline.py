"""The NN spline of the Welch spectra is SciPy's not-a-knot cubic spline, to rounding, without SciPy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.interpolate import CubicSpline
from tests.conftest import shared_file

from fibrokit.hrv._spline import NotAKnotSpline


def test_the_spline_through_a_real_day_of_intervals_is_scipys() -> None:
    rr = np.loadtxt(shared_file("rr/healthy-000-ms.txt"))
    times = np.cumsum(rr) / 1000
    at = np.arange(-2.0, times[-1] + 2.0, 0.25)  # both ends extrapolated, every knot region sampled
    ours, scipy = NotAKnotSpline(times, rr)(at), CubicSpline(times, rr)(at)
    np.testing.assert_allclose(ours, scipy, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("knots", [4, 5, 9, 200])
def test_short_and_uneven_series_match_scipy_too(knots: int) -> None:
    rng = np.random.default_rng(knots)
    x = np.cumsum(rng.uniform(0.3, 1.5, knots))
    y = 800 + 60 * rng.standard_normal(knots)
    at = np.linspace(x[0] - 1, x[-1] + 1, 997)
    np.testing.assert_allclose(NotAKnotSpline(x, y)(at), CubicSpline(x, y)(at), rtol=1e-11, atol=1e-8)
    np.testing.assert_allclose(NotAKnotSpline(x, y)(x), y, rtol=1e-12)


def test_too_few_knots_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 4 knots"):
        NotAKnotSpline(np.arange(3.0), np.ones(3))


def test_the_slopes_solved_in_small_blocks_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    spline = importlib.import_module("fibrokit.hrv._spline")
    rng = np.random.default_rng(3)
    x = np.cumsum(rng.uniform(0.3, 1.5, 500))
    y = 800 + 60 * rng.standard_normal(500)
    at = np.linspace(x[0], x[-1], 3001)
    whole = NotAKnotSpline(x, y)(at)
    monkeypatch.setattr(spline, "_BLOCK", 7)
    np.testing.assert_array_equal(NotAKnotSpline(x, y)(at), whole)
