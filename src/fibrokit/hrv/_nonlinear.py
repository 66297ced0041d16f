"""Nonlinear kernel: Poincaré SD1/SD2, sample and approximate entropy, DFA α1/α2 for every window."""

from __future__ import annotations

import numpy as np

from fibrokit.hrv._matches import Tolerance, dense_counts, template_counts
from fibrokit.hrv._nn import NNWindows
from fibrokit.hrv._ragged import FloatArray, Ragged, ragged_indices
from fibrokit.hrv.settings import HrvSettings

_LONG_SERIES = 2_000  # windows longer than this are counted one by one with the fast long-series method


def nonlinear(w: NNWindows, settings: HrvSettings) -> dict[str, FloatArray]:
    """Nonlinear metrics of each window, keyed by registry symbol."""
    out = _poincare(w, settings)
    out["sampen"], out["apen"] = _entropies(w.nn, settings)
    out["dfa_alpha1"] = _dfa(w.nn, settings.dfa_alpha1_beats)
    out["dfa_alpha2"] = _dfa(w.nn, settings.dfa_alpha2_beats)
    return out


def _poincare(w: NNWindows, settings: HrvSettings) -> dict[str, FloatArray]:
    """SD1 and SD2 (Brennan et al. 2001)."""
    sd1 = w.diffs.std(ddof=1) / np.sqrt(2.0)
    if settings.sd2_method == "pairs":
        sd2 = w.diffs.map(w.pair_sums).std(ddof=1) / np.sqrt(2.0)
    else:
        with np.errstate(invalid="ignore"):
            sd2 = np.sqrt(2.0 * w.nn.var(ddof=1) - 0.5 * w.diffs.var(ddof=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = sd1 / sd2
    return {"sd1_ms": sd1, "sd2_ms": sd2, "sd1_sd2_ratio": ratio}


def _windows(nn: Ragged) -> list[FloatArray]:
    return [nn.values[nn.offsets[i] : nn.offsets[i + 1]] for i in range(nn.counts.size)]


def _match_counts(
    nn: Ragged, lengths: tuple[int, ...], r: FloatArray, strict: bool
) -> dict[int, list[FloatArray | None]]:
    """Per-template counts of every window for each template length, over all ``n − L + 1`` templates.

    Short windows are counted together lag by lag; windows longer than ``_LONG_SERIES`` one by one with the
    long-series method. Windows with no usable tolerance (fewer than two values, no spread) get None.
    """
    series = _windows(nn)
    counts: dict[int, list[FloatArray | None]] = {length: [None] * len(series) for length in lengths}
    sizes = nn.counts
    ok = np.isfinite(r) & (r > 0) & (sizes > max(lengths))
    short = np.flatnonzero(ok & (sizes <= _LONG_SERIES))
    if short.size:
        dense = dense_counts([series[i] for i in short], lengths, r[short], strict)
        for length in lengths:
            for i, c in zip(short, dense[length], strict=True):
                counts[length][i] = c
    for i in np.flatnonzero(ok & (sizes > _LONG_SERIES)):
        for length in lengths:
            counts[length][i] = template_counts(series[i], length, Tolerance(float(r[i]), strict))
    return counts


def _entropies(nn: Ragged, settings: HrvSettings) -> tuple[FloatArray, FloatArray]:
    """Sample entropy and approximate entropy of every window, sharing one count when their settings agree."""
    sd = nn.std(ddof=1)
    fast = settings.sampen_variant == "pcst_fast"
    m = settings.sampen_m
    sampen_counts = _match_counts(nn, (m, m + 1), settings.sampen_r * sd, strict=fast)
    shared = not fast and settings.apen_m == m and settings.apen_r == settings.sampen_r
    a = settings.apen_m
    apen_counts = (
        sampen_counts if shared else _match_counts(nn, (a, a + 1), settings.apen_r * sd, strict=False)
    )
    sampen = np.array(
        [_sample_entropy(b, c, fast) for b, c in zip(sampen_counts[m], sampen_counts[m + 1], strict=True)]
    )
    apen = np.array(
        [_approximate_entropy(b, c) for b, c in zip(apen_counts[a], apen_counts[a + 1], strict=True)]
    )
    return sampen.astype(np.float64), apen.astype(np.float64)


def _sample_entropy(short: FloatArray | None, long_: FloatArray | None, fast: bool) -> float:
    """−ln(A/B) from per-template counts over all templates of lengths m (N−m+1) and m+1 (N−m).

    Richman & Moorman (2000) use the same N−m templates for both lengths, so the last length-m template and
    its matches are taken out of B. The toolbox's fast variant keeps all N−m+1 and divides each count of
    pairs by the number of possible pairs.
    """
    if short is None or long_ is None:
        return float("nan")
    n_long = long_.size
    a = (long_.sum() - n_long) / 2.0  # unordered pairs of distinct templates
    if fast:
        b = (short.sum() - short.size) / 2.0 / (short.size * (short.size - 1) / 2.0)
        a /= n_long * (n_long - 1) / 2.0
    else:
        # Drop the last length-m template: its own count, and its matches counted in the others.
        b = (short[:-1].sum() - (short[-1] - 1.0) - n_long) / 2.0
    return float(-np.log(a / b)) if a > 0 and b > 0 else float("nan")


def _approximate_entropy(short: FloatArray | None, long_: FloatArray | None) -> float:
    """Φm − Φm+1 (Pincus 1991), self matches included, over all templates of each length."""
    if short is None or long_ is None or not short.size or not long_.size:
        return float("nan")
    return float(np.mean(np.log(short / short.size)) - np.mean(np.log(long_ / long_.size)))


def _dfa(nn: Ragged, scales_range: tuple[float, float]) -> FloatArray:
    """Detrended fluctuation analysis exponent over box sizes in ``scales_range`` (Peng et al. 1995).

    The integrated series of each window is cut into non-overlapping boxes from its start; each box loses its
    least-squares line; F(n) is the root mean square of what remains. The exponent is the slope of log F(n)
    against log n by least squares.
    """
    scales = np.arange(int(scales_range[0]), int(scales_range[1]) + 1)
    values = _profiles(nn)
    log_f = np.full((nn.counts.size, scales.size), np.nan)
    for j, size in enumerate(scales):
        residual = _mean_square_residual(values, nn, int(size))
        # A window without any fluctuation (all intervals equal) has no scaling: NaN rather than log(0).
        log_f[:, j] = 0.5 * np.log(np.where(residual > 0, residual, np.nan))
    log_n = np.log(scales.astype(np.float64))
    usable = np.all(np.isfinite(log_f), axis=1)
    slope = np.full(nn.counts.size, np.nan)
    if usable.any():
        centred_n = log_n - log_n.mean()
        slope[usable] = (
            (log_f[usable] - log_f[usable].mean(axis=1, keepdims=True)) @ centred_n / (centred_n @ centred_n)
        )
    return slope


def _profiles(nn: Ragged) -> FloatArray:
    """The integrated, mean-removed series of each window, summed within the window alone.

    Windows are laid out as rows and summed along them, so a window's profile does not depend on which other
    windows are computed with it (a chunk of windows gives exactly the values of the whole run).
    """
    counts = nn.counts
    if nn.values.size == 0:
        return np.zeros(0)
    position = ragged_indices(np.zeros_like(counts), counts)
    rows = np.zeros((counts.size, int(counts.max())))
    rows[nn.segment_ids, position] = nn.centered()
    return np.asarray(np.cumsum(rows, axis=1)[nn.segment_ids, position], dtype=np.float64)


def _mean_square_residual(profile: FloatArray, nn: Ragged, size: int) -> FloatArray:
    """Mean over each window's boxes of the squared residual of a straight-line fit within each box."""
    boxes = nn.counts // size
    starts = np.repeat(nn.offsets[:-1], boxes) + size * ragged_indices(np.zeros_like(boxes), boxes)
    result = np.full(nn.counts.size, np.nan)
    if starts.size == 0:
        return result
    y = profile[starts[:, None] + np.arange(size)[None, :]]
    k = np.arange(size, dtype=np.float64) - (size - 1) / 2.0
    y -= y.mean(axis=1, keepdims=True)
    # What the least-squares line leaves is the box's spread less its part along k (the residual is orthogonal
    # to k), so the residuals need not be formed; rounding must not take a straight box below zero.
    residual = np.maximum(np.einsum("ij,ij->i", y, y) - (y @ k) ** 2 / (k @ k), 0.0) / size
    owner = np.repeat(np.arange(nn.counts.size), boxes)
    totals = np.bincount(owner, weights=residual, minlength=nn.counts.size)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(boxes > 0, totals / boxes, np.nan)
    return result
