"""Frequency-domain HRV of a beat series: Welch or Lomb-Scargle spectra and band powers."""

from __future__ import annotations

from typing import Literal

from fibrokit.hrv.hrv import hrv
from fibrokit.hrv.result import HrvResult
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries


def hrv_frequency(
    series: BeatSeries, *, method: Literal["welch", "lomb"] = "welch", settings: HrvSettings | None = None
) -> HrvResult:
    """ULF, VLF, LF and HF power (ms², log, % of total), LF and HF in normalised units, LF/HF and band peaks.

    ``"welch"`` resamples the NN series at ``settings.resample_hz`` with a cubic spline and averages
    half-overlapping tapered segments (Welch 1967); ``"lomb"`` evaluates the Lomb-Scargle periodogram on the
    uneven beat times (Lomb 1976; Scargle 1982), with no resampling. Both are one-sided densities in ms²/Hz
    whose integral is the variance, integrated over each band ``[low, high)``. Every setting is returned with
    the result.

    References
    ----------
    Task Force of the ESC and NASPE. Circulation 1996;93:1043-1065.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries, hrv_frequency
    >>> beats = np.arange(600)
    >>> rr = 1000 + 30 * np.sin(2 * np.pi * 0.25 * beats)  # 0.25 Hz at one beat a second
    >>> r = hrv_frequency(BeatSeries.from_rr(rr), method="lomb")
    >>> round(r["hf_lomb_peak_hz"], 2), bool(r["hf_lomb_ms2"] > 20 * r["lf_lomb_ms2"])
    (0.25, True)
    """
    if method not in ("welch", "lomb"):
        raise ValueError(f"`method` must be 'welch' or 'lomb', not {method!r}")
    return hrv(series, domains=(method,), settings=settings)
