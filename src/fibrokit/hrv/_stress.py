"""Stress kernel: Baevsky's stress index and a PNS-style index against published short-term norms."""

from __future__ import annotations

import numpy as np

from fibrokit.evidence import fact
from fibrokit.hrv._nn import NNWindows
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv.settings import HrvSettings


def stress(w: NNWindows, settings: HrvSettings, time_values: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """Stress metrics of each window; uses mean NN and RMSSD already computed by the time-domain kernel."""
    index = _baevsky(w, settings.stress_bin_ms)
    mean_nn, sd_nn = fact("hrv.norm.short_term.mean_nn_ms").pair()
    mean_rmssd, sd_rmssd = fact("hrv.norm.short_term.rmssd_ms").pair()
    z_nn = (time_values["mean_nn_ms"] - mean_nn) / sd_nn
    z_rmssd = (time_values["rmssd_ms"] - mean_rmssd) / sd_rmssd
    with np.errstate(invalid="ignore"):
        root = np.sqrt(index)
    return {"stress_index": index, "stress_index_sqrt": root, "pns_style_index": (z_nn + z_rmssd) / 2.0}


def _baevsky(w: NNWindows, bin_ms: float) -> FloatArray:
    """SI = AMo / (2 · Mo · MxDMn) (Baevsky & Chernikova 2017), Mo and MxDMn in seconds, AMo in percent."""
    counts = w.nn.counts
    result = np.full(w.count, np.nan)
    if w.nn.values.size == 0:
        return result
    bins = np.floor(w.nn.values / bin_ms).astype(np.intp)
    low = int(bins.min())
    width = int(bins.max()) - low + 1
    histogram = np.bincount(w.nn.segment_ids * width + (bins - low), minlength=w.count * width)
    histogram = histogram.reshape(w.count, width)
    modal_bin = np.argmax(histogram, axis=1) + low
    mode_s = (modal_bin + 0.5) * bin_ms / 1000.0
    with np.errstate(invalid="ignore", divide="ignore"):
        amplitude_pct = 100.0 * histogram.max(axis=1) / counts
        range_s = (w.nn.max() - w.nn.min()) / 1000.0
        result = amplitude_pct / (2.0 * mode_s * range_s)
    return np.where((counts > 1) & (range_s > 0), result, np.nan)
