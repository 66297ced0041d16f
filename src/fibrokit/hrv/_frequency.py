"""Frequency-domain kernel: band powers and derived indices from Welch or Lomb spectra of every window."""

from __future__ import annotations

import numpy as np

from fibrokit.hrv._lomb import lomb_periodogram
from fibrokit.hrv._nn import NNWindows
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv._welch import welch_spectra
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries


def frequency_domain(
    w: NNWindows, series: BeatSeries, settings: HrvSettings, method: str
) -> dict[str, FloatArray]:
    """Band metrics of each window of ``series`` from the ``"welch"`` or ``"lomb"`` spectrum."""
    if method == "welch":
        frequencies, density = welch_spectra(series, w, settings)
        df = float(frequencies[1] - frequencies[0]) if frequencies.size > 1 else np.nan
    else:
        frequencies, density, df = _lomb_density(w, settings)
    return band_metrics(frequencies, density, df, settings, method)


def _lomb_density(w: NNWindows, settings: HrvSettings) -> tuple[FloatArray, FloatArray, float]:
    top = settings.bands.hf[1]
    if settings.lomb_grid == "fixed":
        df = 1.0 / settings.lomb_fixed_nfft
    else:
        length = float(np.max(w.ends_s - w.starts_s))
        df = 1.0 / (settings.lomb_oversampling * length)
    n_freq = max(int(np.floor(top / df + 1e-9)), 1)
    frequencies, power = lomb_periodogram(w.nn_times_s, w.nn, df, n_freq)
    if settings.lomb_scaling == "pcst":
        # The toolbox sums its periodogram without the classical factor ½ and treats the sum × df as ms².
        return frequencies, 2.0 * power, df
    # A one-sided density whose integral is the variance: P · 2 / (mean sampling rate). For white noise of
    # variance σ² the classical periodogram averages σ², and the density of such noise is 2σ²/fs.
    mean_interval_s = w.nn.mean() / 1000.0
    return frequencies, 2.0 * power * mean_interval_s[:, None], df


def band_metrics(
    frequencies: FloatArray, density: FloatArray, df: float, settings: HrvSettings, method: str
) -> dict[str, FloatArray]:
    """Absolute, log, relative and normalised band powers, LF/HF and peak frequencies."""
    out: dict[str, FloatArray] = {}
    top = settings.bands.hf[1]
    in_total = (frequencies > 0) & (frequencies < top)
    total = _integrate(frequencies, density, in_total, df, settings.band_integration)
    powers = {}
    for name, (low, high) in settings.bands.items():
        inside = (frequencies >= low) & (frequencies < high) & (frequencies > 0)
        power = _integrate(frequencies, density, inside, df, settings.band_integration)
        powers[name] = power
        out[f"{name}_{method}_ms2"] = power
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"{name}_{method}_log"] = np.where(power > 0, np.log(np.where(power > 0, power, 1.0)), np.nan)
            out[f"{name}_{method}_pct"] = 100.0 * power / total
        out[f"{name}_{method}_peak_hz"] = _peak(frequencies, density, inside)
    lf, hf = powers["lf"], powers["hf"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out[f"total_{method}_ms2"] = total
        out[f"lf_{method}_nu"] = 100.0 * lf / (lf + hf)
        out[f"hf_{method}_nu"] = 100.0 * hf / (lf + hf)
        out[f"lf_hf_{method}_ratio"] = lf / hf
    return out


def _integrate(
    frequencies: FloatArray, density: FloatArray, inside: np.ndarray, df: float, rule: str
) -> FloatArray:
    """Power of the spectral lines ``inside`` a band, by the rectangle or the trapezoid rule."""
    if rule == "trapezoid":
        if inside.sum() < 2:
            return np.zeros(density.shape[0])
        return np.asarray(np.trapezoid(density[:, inside], frequencies[inside], axis=1), dtype=np.float64)
    return np.asarray(density[:, inside].sum(axis=1) * df, dtype=np.float64)


def _peak(frequencies: FloatArray, density: FloatArray, inside: np.ndarray) -> FloatArray:
    if not inside.any():
        return np.full(density.shape[0], np.nan)
    band = density[:, inside]
    peak = np.full(density.shape[0], np.nan)
    rows = np.all(np.isfinite(band), axis=1) & (np.max(np.nan_to_num(band), axis=1) > 0)
    peak[rows] = frequencies[inside][np.argmax(band[rows], axis=1)]
    return peak
