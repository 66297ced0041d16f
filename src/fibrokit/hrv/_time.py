"""Time-domain kernel: every time-domain metric for every window at once (Task Force 1996, Table 1)."""

from __future__ import annotations

import numpy as np

from fibrokit.evidence import fact
from fibrokit.hrv._nn import NNWindows
from fibrokit.hrv._ragged import FloatArray, IntArray
from fibrokit.hrv.registry import METRICS
from fibrokit.hrv.result import empty_column
from fibrokit.hrv.settings import HrvSettings

_MS_PER_MINUTE = 60_000.0  # a unit conversion, not a clinical constant


def time_domain(w: NNWindows, settings: HrvSettings) -> dict[str, FloatArray]:
    """Time-domain metrics of each window, keyed by registry symbol."""
    mean_nn = w.nn.mean()
    rmssd = np.sqrt(w.diffs.sum(w.diffs.values**2) / np.where(w.diffs.counts > 0, w.diffs.counts, np.nan))
    out = {
        "mean_nn_ms": mean_nn,
        "sdnn_ms": w.nn.std(ddof=1),
        "rmssd_ms": rmssd,
        "ln_rmssd": _log(rmssd),
        "sdsd_ms": w.diffs.std(ddof=1),
        "mean_hr_bpm": _MS_PER_MINUTE / mean_nn,
        "min_hr_bpm": _MS_PER_MINUTE / w.nn.max(),
        "max_hr_bpm": _MS_PER_MINUTE / w.nn.min(),
    }
    out.update(_pnn(w, settings))
    # Metrics that cannot apply to windows this short are not computed at all (they would only be blanked).
    longest = float(np.max(w.ends_s - w.starts_s)) if w.count else 0.0
    if longest >= METRICS["sdann_ms"].min_duration_s:
        out.update(_segment_statistics(w))
    else:
        out.update({"sdann_ms": empty_column(w.count), "sdnn_index_ms": empty_column(w.count)})
    if longest >= METRICS["tinn_ms"].min_duration_s:
        out.update(_geometric(w))
    else:
        out.update({"triangular_index": empty_column(w.count), "tinn_ms": empty_column(w.count)})
    return out


def _log(values: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(values > 0, np.log(np.where(values > 0, values, 1.0)), np.nan)


def _pnn(w: NNWindows, settings: HrvSettings) -> dict[str, FloatArray]:
    size = np.abs(w.diffs.values)
    if settings.pnn_denominator == "intervals":
        denominator = w.nn.counts.astype(np.float64)
    else:
        denominator = w.diffs.counts.astype(np.float64)
    denominator = np.where((denominator > 0) & (w.diffs.counts > 0), denominator, np.nan)
    out = {}
    for name, key in (("50", "hrv.nn50_ms"), ("20", "hrv.nn20_ms")):
        threshold = fact(key).scalar()
        exceeds = size >= threshold if settings.nn_threshold_inclusive else size > threshold
        count = w.diffs.count_where(exceeds)
        out[f"pnn{name}_pct"] = 100.0 * count / denominator
        if name == "50":
            out["nn50_count"] = np.where(w.diffs.counts > 0, count, np.nan)
    return out


def _segment_statistics(w: NNWindows) -> dict[str, FloatArray]:
    """SDANN and SDNN index over the complete 5-minute segments inside each window."""
    segment_s = fact("hrv.segment_s").scalar()
    per_window = np.floor((w.ends_s - w.starts_s) / segment_s).astype(np.intp)
    width = max(int(per_window.max(initial=0)), 1)
    window_of = w.nn.segment_ids
    segment = np.floor((w.nn_times_s - w.starts_s[window_of]) / segment_s).astype(np.intp)
    inside = segment < per_window[window_of]
    key = window_of[inside] * width + segment[inside]
    values = w.nn.values[inside]
    size = w.count * width
    n = np.bincount(key, minlength=size).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.bincount(key, weights=values, minlength=size) / n
        squares = np.bincount(key, weights=(values - means[key]) ** 2, minlength=size)
        sds = np.sqrt(squares / (n - 1)).reshape(w.count, width)
    means = means.reshape(w.count, width)
    n = n.reshape(w.count, width)
    with np.errstate(invalid="ignore", divide="ignore"):
        sdann = _nan_std(np.where(n > 0, means, np.nan))
        sdnn_index = _nan_mean(np.where(n > 1, sds, np.nan))
    return {"sdann_ms": sdann, "sdnn_index_ms": sdnn_index}


def _nan_mean(table: FloatArray) -> FloatArray:
    counts = np.sum(~np.isnan(table), axis=1)
    total = np.nansum(table, axis=1)
    return np.where(counts > 0, total / np.maximum(counts, 1), np.nan)


def _nan_std(table: FloatArray) -> FloatArray:
    counts = np.sum(~np.isnan(table), axis=1)
    means = _nan_mean(table)
    squares = np.nansum((table - means[:, None]) ** 2, axis=1)
    return np.where(counts > 1, np.sqrt(squares / np.maximum(counts - 1, 1)), np.nan)


def _geometric(w: NNWindows) -> dict[str, FloatArray]:
    """HRV triangular index and TINN from each window's 1/128-s histogram."""
    bin_ms = fact("hrv.triangular_bin_ms").scalar()
    counts = w.nn.counts
    if w.nn.values.size == 0:
        empty = np.full(w.count, np.nan)
        return {"triangular_index": empty, "tinn_ms": empty.copy()}
    bins = np.floor(w.nn.values / bin_ms).astype(np.intp)
    # One empty bin on each side, so the triangle's feet can sit just outside the occupied bins. Windows
    # computed in chunks share the bins of the whole run, so each window's fit sees the same candidate feet.
    span = w.index.nn_range_ms if w.index is not None else None
    lowest, highest = (
        (int(np.floor(v / bin_ms)) for v in span) if span else (int(bins.min()), int(bins.max()))
    )
    low = lowest - 1
    n_bins = highest - low + 2
    histogram = np.bincount(w.nn.segment_ids * n_bins + (bins - low), minlength=w.count * n_bins)
    table: FloatArray = histogram.reshape(w.count, n_bins).astype(np.float64)
    peak = table.max(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        index = np.where(counts > 0, counts / peak, np.nan)
    return {"triangular_index": index, "tinn_ms": _tinn(table, counts) * bin_ms}


def _tinn(histogram: FloatArray, counts: IntArray) -> FloatArray:
    """Triangle base width M − N in bins, by exhaustive least squares (the two sides separate)."""
    result = np.full(histogram.shape[0], np.nan)
    chunk = max(1, 2_000_000 // max(histogram.shape[1] ** 2, 1))
    for first in range(0, histogram.shape[0], chunk):
        rows = slice(first, first + chunk)
        result[rows] = _tinn_chunk(histogram[rows])
    return np.where(counts > 0, result, np.nan)


def _tinn_chunk(d: FloatArray) -> FloatArray:
    n_bins = d.shape[1]
    k = np.arange(n_bins, dtype=np.float64)
    mode = np.argmax(d, axis=1).astype(np.float64)
    height = d.max(axis=1)
    # Left side: for a foot at bin N < X, the triangle rises linearly from 0 at N to Y at X.
    foot = k[None, :, None]
    at = k[None, None, :]
    x = mode[:, None, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        rising = np.clip((at - foot) / (x - foot), 0.0, 1.0) * height[:, None, None]
        falling = np.clip((foot - at) / (foot - x), 0.0, 1.0) * height[:, None, None]
    left_part = at <= x
    right_part = at >= x
    left_error = np.sum(
        np.where(left_part, (d[:, None, :] - np.where(at >= foot, rising, 0.0)) ** 2, 0.0), axis=2
    )
    right_error = np.sum(
        np.where(right_part & ~left_part, (d[:, None, :] - np.where(at <= foot, falling, 0.0)) ** 2, 0.0),
        axis=2,
    )
    left_error = np.where(k[None, :] < mode[:, None], left_error, np.inf)
    right_error = np.where(k[None, :] > mode[:, None], right_error, np.inf)
    n_best = np.argmin(left_error, axis=1).astype(np.float64)
    m_best = np.argmin(right_error, axis=1).astype(np.float64)
    valid = np.isfinite(left_error.min(axis=1)) & np.isfinite(right_error.min(axis=1))
    return np.where(valid, m_best - n_best, np.nan)
