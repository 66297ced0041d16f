"""Time-domain HRV of a beat series (Task Force 1996)."""

from __future__ import annotations

from fibrokit.hrv.hrv import hrv
from fibrokit.hrv.result import HrvResult
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries


def hrv_time(series: BeatSeries, *, settings: HrvSettings | None = None) -> HrvResult:
    """Compute the time-domain metrics of a beat series.

    Mean NN, SDNN, SDANN, SDNN index, RMSSD, ln RMSSD, SDSD, NN50, pNN50, pNN20, mean, minimum and maximum HR,
    HRV triangular index and TINN.

    SDNN, SDSD and the segment statistics use the sample standard deviation (ddof = 1); pNNx divides by the
    number of NN intervals (Task Force); differences join adjacent normal beats only.

    References
    ----------
    Task Force of the ESC and NASPE. Circulation 1996;93:1043-1065.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries, hrv_time
    >>> rr = np.tile([800.0, 850.0, 790.0, 860.0], 600)  # 33 minutes
    >>> r = hrv_time(BeatSeries.from_rr(rr))
    >>> round(r["rmssd_ms"], 3), round(r["pnn50_pct"], 2)  # |differences| 50, 60, 70, 60: three exceed 50
    (60.415, 74.96)
    """
    return hrv(series, domains=("time",), settings=settings)
