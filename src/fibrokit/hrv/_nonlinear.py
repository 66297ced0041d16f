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
    out["sampen"] = _sample_entropy(w.nn, settings)
    out["apen"] = _approximate_entropy(w.nn, settings)
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
    nn: Ragged, n_templates: dict[int, FloatArray], r: FloatArray, strict: bool
) -> dict[int, list[FloatArray | None]]:
    """Per-template counts of every window for each template length in ``n_templates``.

    Short windows are counted together lag by lag; windows longer than ``_LONG_SERIES`` one by one with the
    long-series method.
    """
    series = _windows(nn)
    lengths = tuple(sorted(n_templates))
    counts: dict[int, list[FloatArray | None]] = {length: [None] * len(series) for length in lengths}
    smallest = np.min([n_templates[length] for length in lengths], axis=0)
    ok = np.isfinite(r) & (r > 0) & (smallest > 1)
    sizes = nn.counts
    short = np.flatnonzero(ok & (sizes <= _LONG_SERIES))
    if short.size:
        limits = {length: n_templates[length][short].astype(np.int64) for length in lengths}
        dense = dense_counts([series[i] for i in short], lengths, r[short], strict, limits)
        for length in lengths:
            for i, c in zip(short, dense[length], strict=True):
                counts[length][i] = c
    for i in np.flatnonzero(ok & (sizes > _LONG_SERIES)):
        for length in lengths:
            counts[length][i] = template_counts(
                series[i], length, int(n_templates[length][i]), Tolerance(float(r[i]), strict)
            )
    return counts


def _sample_entropy(nn: Ragged, settings: HrvSettings) -> FloatArray:
    """Sample entropy −ln(A/B) (Richman & Moorman 2000), or the toolbox's fast variant."""
    m = settings.sampen_m
    n = nn.counts.astype(np.float64)
    r = settings.sampen_r * nn.std(ddof=1)
    fast = settings.sampen_variant == "pcst_fast"
    # Richman & Moorman use the first N−m templates for both lengths; the toolbox's variant N−m+1 for length m
    # and a strict "< r" comparison.
    templates = {m: np.maximum(n - m + 1 if fast else n - m, 0), m + 1: np.maximum(n - m, 0)}
    counts = _match_counts(nn, templates, r, fast)
    result = np.full(n.size, np.nan)
    for i, (b_counts, a_counts) in enumerate(zip(counts[m], counts[m + 1], strict=True)):
        if b_counts is None or a_counts is None:
            continue
        b = (b_counts.sum() - b_counts.size) / 2.0  # unordered pairs, self matches removed
        a = (a_counts.sum() - a_counts.size) / 2.0
        if fast:
            b /= b_counts.size * (b_counts.size - 1) / 2.0
            a /= a_counts.size * (a_counts.size - 1) / 2.0
        if a > 0 and b > 0:
            result[i] = -np.log(a / b)
    return result


def _approximate_entropy(nn: Ragged, settings: HrvSettings) -> FloatArray:
    """Approximate entropy Φm − Φm+1 (Pincus 1991), self matches included."""
    m = settings.apen_m
    n = nn.counts.astype(np.float64)
    r = settings.apen_r * nn.std(ddof=1)
    templates = {length: np.maximum(n - length + 1, 0) for length in (m, m + 1)}
    counts = _match_counts(nn, templates, r, strict=False)
    phi = [
        np.array(
            [np.mean(np.log(c / c.size)) if c is not None and c.size else np.nan for c in counts[length]]
        )
        for length in (m, m + 1)
    ]
    return np.asarray(phi[0] - phi[1], dtype=np.float64)


def _dfa(nn: Ragged, scales_range: tuple[float, float]) -> FloatArray:
    """Detrended fluctuation analysis exponent over box sizes in ``scales_range`` (Peng et al. 1995).

    The integrated series of each window is cut into non-overlapping boxes from its start; each box loses its
    least-squares line; F(n) is the root mean square of what remains. The exponent is the slope of log F(n)
    against log n by least squares.
    """
    scales = np.arange(int(scales_range[0]), int(scales_range[1]) + 1)
    # One cumulative sum runs across all windows; subtracting the total before each window's first value
    # turns it into the integrated series of each window.
    total = np.cumsum(nn.centered())
    first = nn.offsets[:-1]
    before = (
        np.where(first > 0, total[np.clip(first - 1, 0, max(total.size - 1, 0))], 0.0)
        if total.size
        else np.zeros(first.size)
    )
    values = total - np.repeat(before, nn.counts)
    log_f = np.full((nn.counts.size, scales.size), np.nan)
    for j, size in enumerate(scales):
        log_f[:, j] = 0.5 * np.log(_mean_square_residual(values, nn, int(size)))
    log_n = np.log(scales.astype(np.float64))
    usable = np.all(np.isfinite(log_f), axis=1)
    slope = np.full(nn.counts.size, np.nan)
    if usable.any():
        centred_n = log_n - log_n.mean()
        slope[usable] = (
            (log_f[usable] - log_f[usable].mean(axis=1, keepdims=True)) @ centred_n / (centred_n @ centred_n)
        )
    return slope


def _mean_square_residual(profile: FloatArray, nn: Ragged, size: int) -> FloatArray:
    """Mean over each window's boxes of the squared residual of a straight-line fit within each box."""
    boxes = nn.counts // size
    starts = np.repeat(nn.offsets[:-1], boxes) + size * ragged_indices(np.zeros_like(boxes), boxes)
    result = np.full(nn.counts.size, np.nan)
    if starts.size == 0:
        return result
    y = profile[starts[:, None] + np.arange(size)[None, :]]
    k = np.arange(size, dtype=np.float64) - (size - 1) / 2.0
    y_centred = y - y.mean(axis=1, keepdims=True)
    slope = y_centred @ k / (k @ k)
    residual = np.sum((y_centred - slope[:, None] * k[None, :]) ** 2, axis=1) / size
    owner = np.repeat(np.arange(nn.counts.size), boxes)
    totals = np.bincount(owner, weights=residual, minlength=nn.counts.size)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(boxes > 0, totals / boxes, np.nan)
    return result
