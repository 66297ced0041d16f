"""Entropies against brute-force definitions; the fast long-series count against a k-d tree; DFA properties."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from fibrokit import BeatSeries, HrvSettings, hrv, hrv_nonlinear
from fibrokit.hrv._matches import Tolerance, dense_counts, template_counts


def _sampen_brute(x: np.ndarray, m: int, r: float) -> float:
    n = x.size

    def pairs(length: int) -> int:
        templates = np.array([x[i : i + length] for i in range(n - m)])
        distance = np.max(np.abs(templates[:, None, :] - templates[None, :, :]), axis=2)
        return int((np.sum(distance <= r) - templates.shape[0]) // 2)

    return float(-np.log(pairs(m + 1) / pairs(m)))


def _apen_brute(x: np.ndarray, m: int, r: float) -> float:
    def phi(length: int) -> float:
        templates = np.array([x[i : i + length] for i in range(x.size - length + 1)])
        distance = np.max(np.abs(templates[:, None, :] - templates[None, :, :]), axis=2)
        return float(np.mean(np.log(np.mean(distance <= r, axis=1))))

    return phi(m) - phi(m + 1)


def test_sample_and_approximate_entropy_equal_their_definitions() -> None:
    rng = np.random.default_rng(7)
    rr = np.round(800 + np.cumsum(rng.normal(0, 5, 300)) * 0.3 + rng.normal(0, 20, 300))
    result = hrv_nonlinear(BeatSeries.from_rr(rr))
    r = 0.2 * np.std(rr, ddof=1)
    assert result["sampen"] == pytest.approx(_sampen_brute(rr, 2, r), rel=1e-12)
    assert result["apen"] == pytest.approx(_apen_brute(rr, 2, r), rel=1e-12)


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("length", [2, 3])
def test_long_series_counts_equal_a_kd_tree(strict: bool, length: int) -> None:
    rng = np.random.default_rng(8)
    x = np.round(900 + rng.normal(0, 60, 6000))  # quantised to 1 ms, as recorded
    r = 0.2 * np.std(x, ddof=1)
    templates = np.lib.stride_tricks.sliding_window_view(x, length)
    radius = np.nextafter(r, 0) if strict else r
    expected = cKDTree(templates).query_ball_point(templates, radius, p=np.inf, return_length=True)
    np.testing.assert_array_equal(template_counts(x, length, Tolerance(r, strict)), expected)


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("quantised", [True, False])
def test_window_counts_equal_a_direct_count(strict: bool, quantised: bool) -> None:
    # Windows of many lengths (more than one group of bit sets, lengths across 64-bit words); quantised values
    # take the bit-set path, unquantised ones the lag-by-lag path.
    rng = np.random.default_rng(12)
    windows = [800 + rng.normal(0, 40, int(size)) for size in rng.integers(3, 200, 70)]
    if quantised:
        windows = [np.round(w) for w in windows]
    tolerances = np.array([0.2 * np.std(w, ddof=1) for w in windows])
    counts = dense_counts(windows, (1, 2, 3), tolerances, strict)
    for length in (1, 2, 3):
        for w, r, got in zip(windows, tolerances, counts[length], strict=True):
            templates = np.lib.stride_tricks.sliding_window_view(w, length)
            distance = np.max(np.abs(templates[:, None, :] - templates[None, :, :]), axis=2)
            np.testing.assert_array_equal(got, np.sum(distance < r if strict else distance <= r, axis=1))


def test_long_and_short_paths_give_the_same_entropy() -> None:
    rng = np.random.default_rng(9)
    rr = np.round(850 + rng.normal(0, 40, 2500))
    whole = hrv_nonlinear(BeatSeries.from_rr(rr))  # 2500 beats: the grid method
    r = 0.2 * np.std(rr, ddof=1)
    assert whole["sampen"] == pytest.approx(_sampen_brute(rr, 2, r), rel=1e-12)


def test_the_toolbox_variant_uses_fractions_a_strict_tolerance_and_r_015() -> None:
    rng = np.random.default_rng(10)
    x = np.round(800 + rng.normal(0, 30, 250))
    settings = HrvSettings.preset_named("pcst")
    result = hrv(BeatSeries.from_rr(x), domains=["nonlinear"], settings=settings)
    z = (x - x.mean()) / x.std(ddof=1)

    def fraction(length: int, count: int) -> float:
        templates = np.array([z[i : i + length] for i in range(count)])
        distance = np.max(np.abs(templates[:, None, :] - templates[None, :, :]), axis=2)
        return float((np.sum(distance < 0.15) - count) / (count * (count - 1)))

    expected = -np.log(fraction(3, x.size - 2) / fraction(2, x.size - 1))
    assert result["sampen"] == pytest.approx(expected, rel=1e-12)


def test_dfa_separates_white_noise_from_brown_noise() -> None:
    rng = np.random.default_rng(11)
    white = hrv_nonlinear(BeatSeries.from_rr(800 + rng.normal(0, 20, 4000)))
    brown = hrv_nonlinear(BeatSeries.from_rr(800 + np.cumsum(rng.normal(0, 2, 4000))))
    assert white["dfa_alpha2"] == pytest.approx(0.5, abs=0.1)
    assert brown["dfa_alpha2"] == pytest.approx(1.5, abs=0.15)


def test_sd1_and_sd2_follow_their_identities() -> None:
    rng = np.random.default_rng(12)
    rr = 900 + rng.normal(0, 40, 1000)
    result = hrv(BeatSeries.from_rr(rr), domains=["time", "nonlinear"])
    d = np.diff(rr)
    assert result["sd1_ms"] == pytest.approx(np.std(d, ddof=1) / np.sqrt(2))
    assert result["sd2_ms"] == pytest.approx(np.std(rr[1:] + rr[:-1], ddof=1) / np.sqrt(2))
    assert result["sd1_sd2_ratio"] == pytest.approx(result["sd1_ms"] / result["sd2_ms"])
