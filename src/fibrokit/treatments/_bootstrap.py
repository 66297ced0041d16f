"""Post-blackened circular block bootstrap of segment means of a daily series (private helper).

The series (baseline, then treatment) is split into segments whose means are the quantities of interest. The
residuals from the segment means are pre-whitened with an AR(1) filter whose coefficient is estimated from
all segments together (bias-corrected for the short segments, Kendall 1954); the innovations are resampled
in circular blocks (Künsch 1989; length round(n^(1/3)), Hall et al. 1995) and re-coloured through the same
filter (post-blackening, Davison & Hinkley 1997 §8.2.3). Re-colouring restores day-to-day autocorrelation that
resampling blocks inside a 14-day window cannot: blocks of a few days from two weeks miss most of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_BURN_IN = 30  # days of re-coloured noise discarded so each replicate starts in the stationary state


@dataclass(frozen=True)
class BootstrapSeries:
    """Replicates of a series, and the dependence estimates used to make them."""

    replicates: FloatArray
    rho: float
    block: int


def ar1_inflation(n: float, rho: float) -> float:
    """Variance of the mean of ``n`` AR(1) values over that of ``n`` independent ones."""
    k = np.arange(1, max(int(n), 1))
    return float(1 + 2 * np.sum((1 - k / n) * rho**k))


def bootstrap_series(
    values: FloatArray,
    segments: IntArray,
    replicates: int,
    rng: np.random.Generator,
    max_rho: float,
    exponent: float,
) -> BootstrapSeries:
    """Replicates of ``values`` (NaN = not rated) that keep segment means, spread and autocorrelation."""
    fitted = np.full_like(values, np.nan)
    for seg in np.unique(segments):
        mask = segments == seg
        if np.any(~np.isnan(values[mask])):
            fitted[mask] = np.nanmean(values[mask])
    resid = values - fitted
    pair = (segments[1:] == segments[:-1]) & ~np.isnan(resid[1:]) & ~np.isnan(resid[:-1])
    rated = ~np.isnan(resid)
    n_seg = float(np.mean([np.sum(rated[segments == s]) for s in np.unique(segments[rated])]))
    energy = float(np.sum(resid[rated] ** 2))
    if energy == 0 or not np.any(pair):  # no day-to-day variation to resample: the means are certain
        return BootstrapSeries(np.tile(np.where(rated, fitted, np.nan), (replicates, 1)), 0.0, 1)
    raw = float(np.sum(resid[1:][pair] * resid[:-1][pair]) / energy)
    rho = float(np.clip(raw + (1 + 3 * raw) / n_seg, 0.0, max_rho))  # Kendall's bias for demeaned segments
    innov = resid[1:][pair] - rho * resid[:-1][pair]
    innov = innov - innov.mean()
    # Residuals about a segment mean understate the spread by (n - inflation)/(n - 1); undo that.
    spread = float(np.sum(resid[rated] ** 2) / (np.sum(rated) - len(np.unique(segments[rated]))))
    shrink = n_seg - ar1_inflation(n_seg, rho)
    if shrink > 1:
        spread *= (n_seg - 1) / shrink
    innov = innov * np.sqrt(spread * (1 - rho**2) / np.mean(innov**2))
    block = max(1, round(innov.size**exponent))
    total = values.size + _BURN_IN
    starts = rng.integers(0, innov.size, size=(replicates, -(-total // block)))
    index = (starts[:, :, None] + np.arange(block)).reshape(replicates, -1)[:, :total] % innov.size
    from scipy.signal import lfilter  # imported on use: SciPy costs start-up time

    noise = lfilter([1.0], [1.0, -rho], innov[index], axis=1)[:, _BURN_IN:]
    series = np.where(rated, fitted + noise, np.nan)
    return BootstrapSeries(np.asarray(series, dtype=np.float64), rho, block)
