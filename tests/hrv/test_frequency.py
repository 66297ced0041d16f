"""Spectral metrics against known signals and against SciPy's direct computations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal
from scipy.interpolate import CubicSpline

from fibrokit import BeatSeries, HrvSettings, hrv, hrv_frequency, hrv_windows
from fibrokit.hrv._lomb import lomb_periodogram
from fibrokit.hrv._ragged import Ragged


def _sinusoid(
    freq_hz: float, amplitude_ms: float, seconds: float = 600.0, mean_ms: float = 1000.0
) -> BeatSeries:
    """Beats whose RR intervals follow a sine in time (evaluated at each beat), plus nothing else."""
    times = [0.0]
    rr = []
    while times[-1] < seconds:
        value = mean_ms + amplitude_ms * np.sin(2 * np.pi * freq_hz * times[-1])
        rr.append(value)
        times.append(times[-1] + value / 1000)
    return BeatSeries(np.array(times[1:]), np.array(rr), np.zeros(len(rr), dtype=np.uint8))


@pytest.mark.parametrize("method", ["welch", "lomb"])
@pytest.mark.parametrize(("freq", "band"), [(0.25, "hf"), (0.1, "lf")])
def test_a_pure_oscillation_puts_its_variance_in_its_band(method: str, freq: float, band: str) -> None:
    amplitude = 30.0
    result = hrv_frequency(_sinusoid(freq, amplitude), method=method)
    power = result[f"{band}_{method}_ms2"]
    assert power == pytest.approx(amplitude**2 / 2, rel=0.05)
    assert result[f"{band}_{method}_peak_hz"] == pytest.approx(freq, abs=0.01)
    assert result[f"{band}_{method}_pct"] > 90


def test_lomb_equals_scipys_exact_periodogram() -> None:
    rng = np.random.default_rng(4)
    rr = 800 + 40 * np.sin(2 * np.pi * 0.25 * np.arange(500) * 0.8) + rng.normal(0, 20, 500)
    times = np.cumsum(rr) / 1000
    frequencies, power = lomb_periodogram(times, Ragged(rr, np.array([0, rr.size])), 1 / 1200, 480)
    exact = signal.lombscargle(times, rr - rr.mean(), 2 * np.pi * frequencies, normalize=False)
    np.testing.assert_allclose(power[0], exact, rtol=1e-4, atol=2e-6 * exact.max())


def test_lomb_of_many_windows_equals_lomb_of_each_window() -> None:
    rng = np.random.default_rng(5)
    rr = 850 + rng.normal(0, 30, 3000)
    series = BeatSeries.from_rr(rr)
    table = hrv_windows(series, window_s=300, step_s=120, domains=["lomb"])
    for i in (0, len(table) // 2, len(table) - 1):
        single = hrv(series, domains=["lomb"], start_s=float(table.start_s[i]), end_s=float(table.end_s[i]))
        for band in ("vlf", "lf", "hf"):
            assert table[f"{band}_lomb_ms2"][i] == pytest.approx(single[f"{band}_lomb_ms2"], rel=1e-9)


def test_welch_equals_scipy_on_the_same_resampled_series() -> None:
    rng = np.random.default_rng(6)
    rr = 900 + 30 * np.sin(2 * np.pi * 0.1 * np.arange(400)) + rng.normal(0, 15, 400)
    series = BeatSeries.from_rr(rr)
    settings = HrvSettings()
    result = hrv_frequency(series, method="welch", settings=settings)
    start = series.times_s[0] - rr[0] / 1000
    grid = start + np.arange(round((series.times_s[-1] - start) * 4)) / 4
    samples = CubicSpline(series.times_s, rr)(grid)
    nperseg = int(settings.welch_segment_s * 4)
    f, p = signal.welch(
        samples,
        fs=4,
        window="hann",
        nperseg=nperseg,
        noverlap=nperseg // 2,
        nfft=max(nperseg, settings.welch_min_nfft),
        detrend="constant",
    )
    inside = (f >= 0.04) & (f < 0.15)
    assert result["lf_welch_ms2"] == pytest.approx(p[inside].sum() * (f[1] - f[0]), rel=1e-9)


def test_smoothness_priors_removes_a_slow_trend_and_keeps_respiration() -> None:
    series = _sinusoid(0.25, 20.0)
    trend = BeatSeries(series.times_s, series.rr_ms + 0.5 * series.times_s, series.flags)
    plain = hrv_frequency(trend, method="welch", settings=HrvSettings().replace(detrend="constant"))
    smooth = hrv_frequency(trend, method="welch", settings=HrvSettings().replace(detrend="smoothness_priors"))
    assert smooth["vlf_welch_ms2"] < 0.2 * plain["vlf_welch_ms2"]
    assert smooth["hf_welch_ms2"] == pytest.approx(plain["hf_welch_ms2"], rel=0.05)


def test_normalised_units_and_ratio_follow_from_band_powers() -> None:
    result = hrv_frequency(_sinusoid(0.2, 20.0), method="lomb")
    lf, hf = result["lf_lomb_ms2"], result["hf_lomb_ms2"]
    assert result["lf_lomb_nu"] == pytest.approx(100 * lf / (lf + hf))
    assert result["hf_lomb_nu"] == pytest.approx(100 * hf / (lf + hf))
    assert result["lf_hf_lomb_ratio"] == pytest.approx(lf / hf)


@pytest.mark.parametrize(
    ("window", "nperseg", "nfft", "detrend"),
    [("hann", 480, 2048, "constant"), ("hann", 480, 2047, "linear"), ("hamming", 100, 100, False)],
)
def test_welch_without_scipy_matches_scipy(window: str, nperseg: int, nfft: int, detrend: str | bool) -> None:
    from fibrokit.hrv._welch import _taper, _welch_rows

    rng = np.random.default_rng(7)
    rows = 800 + 50 * rng.standard_normal((20, 1200)) + np.linspace(0, 80, 1200)
    _, expected = signal.welch(
        rows, fs=4.0, window=window, nperseg=nperseg, noverlap=nperseg // 2, nfft=nfft, detrend=detrend
    )
    ours = _welch_rows(rows, 4.0, _taper(window, nperseg), nperseg - nperseg // 2, nfft, detrend or "none")
    np.testing.assert_allclose(ours, expected, rtol=1e-10)
