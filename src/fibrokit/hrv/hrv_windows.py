"""Heart-rate variability over sliding windows, all windows computed together."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.hrv._engine import check_domains, compute
from fibrokit.hrv._nn import series_origin
from fibrokit.hrv.result import HrvTable
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries


def hrv_windows(
    series: BeatSeries,
    *,
    window_s: float = 300.0,
    step_s: float = 30.0,
    domains: Sequence[str] | None = None,
    settings: HrvSettings | None = None,
    start_s: float | None = None,
    end_s: float | None = None,
    artifact_method: str = "none",
) -> HrvTable:
    """Compute HRV metrics in windows of ``window_s`` seconds every ``step_s`` seconds.

    Windows are ``[start + k·step, start + k·step + window)`` for every ``k`` whose window ends by ``end_s``.
    Every metric is computed for all windows at once (one NumPy reduction per statistic rather than a Python
    loop over windows), so a 24-hour recording with 2,500 overlapping 5-minute windows takes seconds. Each row
    carries its beat count and share of normal beats; windows below a metric's minimum data get NaN for it.

    Parameters
    ----------
    series : BeatSeries
        Beats with their flags.
    window_s, step_s : float
        Window length and step in seconds.
    domains, settings, artifact_method
        As for :func:`fibrokit.hrv`.
    start_s, end_s : float, optional
        Span to cover; default from the start of the first interval to the last beat.

    Returns
    -------
    HrvTable
        One row per window.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries, hrv_windows
    >>> rr = 800 + 40 * np.sin(2 * np.pi * 0.25 * np.arange(2000) * 0.8)
    >>> table = hrv_windows(BeatSeries.from_rr(rr), window_s=300, step_s=60)
    >>> len(table), table["mean_nn_ms"].round(1).tolist()[:2]
    (22, [800.0, 799.9])
    """
    if not (window_s > 0 and step_s > 0):
        raise ValueError(f"`window_s` and `step_s` must be positive, not {window_s} and {step_s}")
    chosen = settings or HrvSettings()
    wanted = check_domains(domains)
    if len(series) < 2:
        raise InsufficientData(f"HRV needs at least two beats; the series holds {len(series)}")
    origin = series_origin(series)
    first = (origin if start_s is None else float(start_s)) - origin
    last = (float(series.times_s[-1]) if end_s is None else float(end_s)) - origin
    count = int(np.floor((last - first - window_s) / step_s + 1e-9)) + 1
    if count < 1:
        raise InsufficientData(
            f"the series spans {last - first:.0f} s, shorter than one window of {window_s:g} s"
        )
    offsets = first + step_s * np.arange(count, dtype=np.float64)
    columns, w, blanked = compute(series, offsets, window_s, wanted, chosen)
    return HrvTable(
        columns, w.starts_s, w.ends_s, w.beats, w.normal_share, chosen, artifact_method, insufficient=blanked
    )
