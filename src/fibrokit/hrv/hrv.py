"""Heart-rate variability of one stretch of beats: the whole series or a window of it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.hrv._engine import check_domains, compute
from fibrokit.hrv._nn import series_origin
from fibrokit.hrv.result import HrvResult
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries


def hrv(
    series: BeatSeries,
    *,
    domains: Sequence[str] | None = None,
    settings: HrvSettings | None = None,
    start_s: float | None = None,
    end_s: float | None = None,
    artifact_method: str = "none",
) -> HrvResult:
    """Compute HRV metrics of a beat series (or the part between ``start_s`` and ``end_s``).

    Only beats flagged ``NORMAL`` enter the metrics; differences join adjacent normal beats (see
    :class:`HrvSettings` for the toolbox-compatible alternative). Metrics that need more data than the window
    holds are NaN and listed in ``result.insufficient``. A metric that cannot apply to a window this short
    (ULF power needs 24 hours) is left out quietly; one the window could support but whose data fall short
    (too few normal beats) is also named in a :class:`~fibrokit.errors.FibrokitWarning`.

    Parameters
    ----------
    series : BeatSeries
        Beats with their flags (see :func:`fibrokit.rr_flag_artifacts`).
    domains : sequence of {"time", "welch", "lomb", "nonlinear", "stress"}, optional
        Which families of metrics to compute; default all.
    settings : HrvSettings, optional
        Every method setting; defaults to ``HrvSettings()`` (Task Force conventions).
    start_s, end_s : float, optional
        Analyse only beats with ``start_s <= time < end_s``; default the whole series.
    artifact_method : str
        Name of the artefact method that set the flags, recorded with the result.

    Returns
    -------
    HrvResult
        Values by registry symbol, with the window, beat count, share of normal beats and settings.

    Raises
    ------
    InsufficientData
        When the series has fewer than two beats.

    References
    ----------
    Task Force of the ESC and NASPE. Heart rate variability: standards of measurement, physiological
    interpretation and clinical use. Circulation 1996;93:1043-1065.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries, hrv
    >>> rr = 1000 + 50 * np.sin(2 * np.pi * 0.25 * np.arange(300))  # 5 minutes
    >>> result = hrv(BeatSeries.from_rr(rr))
    >>> round(result["mean_nn_ms"], 3), round(result["rmssd_ms"], 1)
    (1000.0, 50.0)
    >>> "ulf_welch_ms2" in result.insufficient  # ULF needs a 24-hour recording
    True
    """
    chosen = settings or HrvSettings()
    wanted = check_domains(domains)
    if len(series) < 2:
        raise InsufficientData(f"HRV needs at least two beats; the series holds {len(series)}")
    origin = series_origin(series)
    first = origin if start_s is None else float(start_s)
    # By default the window runs just past the last beat (a microsecond, far below any RR resolution), so the
    # last beat is inside it on either time base (recorded times, or the toolbox's running sums).
    last = float(series.times_s[-1]) + 1e-6 if end_s is None else float(end_s)
    if not last > first:
        raise ValueError(f"`end_s` ({last}) must be later than `start_s` ({first})")
    columns, w, blanked = compute(series, np.array([first - origin]), last - first, wanted, chosen)
    return HrvResult(
        {symbol: float(column[0]) for symbol, column in columns.items()},
        float(w.starts_s[0]),
        float(w.ends_s[0]),
        int(w.beats[0]),
        float(w.normal_share[0]),
        chosen,
        artifact_method,
        insufficient=tuple(blanked),
    )
