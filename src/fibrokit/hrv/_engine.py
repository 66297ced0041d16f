"""Runs the metric kernels of the requested domains over a set of windows and assembles the columns."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fibrokit.hrv._frequency import frequency_domain
from fibrokit.hrv._minimum import apply_minimums
from fibrokit.hrv._nn import NNWindows, SeriesIndex, nn_windows
from fibrokit.hrv._nonlinear import nonlinear
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv._stress import stress
from fibrokit.hrv._time import time_domain
from fibrokit.hrv.registry import METRICS
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries

DOMAINS = ("time", "welch", "lomb", "nonlinear", "stress")


def check_domains(domains: Sequence[str] | None) -> tuple[str, ...]:
    """Validate a list of domains, keeping the canonical order; None means all of them."""
    if domains is None:
        return DOMAINS
    if isinstance(domains, str):
        domains = [domains]
    unknown = [d for d in domains if d not in DOMAINS]
    if unknown or not domains:
        raise ValueError(
            f"`domains` must be a non-empty selection of {', '.join(DOMAINS)}; got {list(domains)}"
        )
    return tuple(d for d in DOMAINS if d in domains)


def compute(
    series: BeatSeries,
    offsets_s: FloatArray,
    length_s: float,
    domains: Sequence[str],
    settings: HrvSettings,
    index: SeriesIndex | None = None,
    problems: dict[str, list[str | int]] | None = None,
) -> tuple[dict[str, FloatArray], NNWindows, dict[str, int]]:
    """Compute the metric columns (registry order) of every window for the given domains.

    ``index`` is the series' :func:`~fibrokit.hrv._nn.series_index` when the windows of one run are computed
    in chunks; ``problems`` then gathers the metrics short of data for one warning over all chunks. Returns the columns, the windows' NN data, and how many windows each metric was blanked in for
    lack of data.
    """
    w = nn_windows(series, offsets_s, length_s, settings, index)
    columns: dict[str, FloatArray] = {}
    times = time_domain(w, settings) if {"time", "stress"} & set(domains) else {}
    if "time" in domains:
        columns.update(times)
    for method in ("welch", "lomb"):
        if method in domains:
            columns.update(frequency_domain(w, series, settings, method))
    if "nonlinear" in domains:
        columns.update(nonlinear(w, settings))
    if "stress" in domains:
        columns.update(stress(w, settings, times))
    ordered = {
        symbol: np.asarray(columns[symbol], dtype=np.float64) for symbol in METRICS if symbol in columns
    }
    columns, blanked = apply_minimums(ordered, w, enforce=settings.enforce_minimum, problems=problems)
    return columns, w, blanked
