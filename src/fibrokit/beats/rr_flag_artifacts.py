"""Flag artefacts in a beat series with a named, cited method; beats are flagged, never deleted."""

from __future__ import annotations

import numpy as np

from fibrokit.beats._lipponen import lipponen_flags
from fibrokit.beats._toolkit import hrv_toolkit_flags, pcst_flags, threshold_flags
from fibrokit.choices import ARTIFACT_METHODS as ARTIFACT_METHODS
from fibrokit.choices import ArtifactMethod as ArtifactMethod
from fibrokit.evidence import fact
from fibrokit.records import BeatFlag, BeatSeries


def rr_flag_artifacts(
    series: BeatSeries,
    method: ArtifactMethod = "lipponen2019",
    *,
    low_ms: float | None = None,
    high_ms: float | None = None,
    max_change: float | None = None,
    keep_existing: bool = True,
) -> BeatSeries:
    """Return the series with artefacts flagged by ``method``.

    Methods
    -------
    ``"lipponen2019"``
        Automatic beat classification of Lipponen & Tarvainen (2019): ectopic, long, short, missed and extra
        beats against time-varying thresholds learned from the series itself. Works at rest and in exercise.
    ``"hrv_toolkit"``
        The PhysioNet HRV Toolkit filter: an interval outside 0.4-2.0 s, or more than 20 % from the mean of
        the 20 intervals on each side. Its fixed range does not suit exercise (RR < 400 ms above 150 bpm).
    ``"pcst"``
        The Cardiovascular Signal Toolbox preprocessing (Vest et al. 2018), as used by its demo output.
    ``"threshold"``
        Plain limits: outside ``[low_ms, high_ms]`` (default the HRV Toolkit's 400-2000 ms) or changing by more
        than ``max_change`` (default 20 %, Malik et al. 1989) from the last accepted interval.
    ``"none"``
        Keep the flags as they are.

    Parameters
    ----------
    series : BeatSeries
        The beats to check.
    method : str
        One of the methods above.
    low_ms, high_ms, max_change : float, optional
        Limits of the ``"threshold"`` method.
    keep_existing : bool
        Keep flags already set (gaps, annotated non-normal beats) and add the new ones; when False, the method's
        flags replace them (how the toolboxes treat annotation files).

    Returns
    -------
    BeatSeries
        Same beats and intervals, new flags.

    References
    ----------
    Lipponen JA, Tarvainen MP. A robust algorithm for heart rate variability time series artefact correction
    using novel beat classification. J Med Eng Technol 2019;43(3):173-181.

    Vest AN et al. An open source benchmarked toolbox for cardiovascular waveform and interval analysis.
    Physiol Meas 2018;39(10):105004.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries, rr_flag_artifacts
    >>> rr = np.full(200, 800.0) + np.tile([10.0, -10.0], 100)
    >>> rr[100] = 1600.0  # a missed beat: two intervals read as one
    >>> flagged = rr_flag_artifacts(BeatSeries.from_rr(rr))
    >>> flagged.flag_counts()
    {'normal': 199, 'missed beat': 1}
    """
    if method not in ARTIFACT_METHODS:
        raise ValueError(f"`method` must be one of {', '.join(ARTIFACT_METHODS)}, not {method!r}")
    rr = series.rr_ms
    if method == "none":
        return series
    if method == "lipponen2019":
        flags = lipponen_flags(rr)
    elif method == "hrv_toolkit":
        flags = hrv_toolkit_flags(rr)
    elif method == "pcst":
        flags = pcst_flags(rr)
    else:
        default_low, default_high = fact("beats.toolkit.range_ms").pair()
        flags = threshold_flags(
            rr,
            default_low if low_ms is None else low_ms,
            default_high if high_ms is None else high_ms,
            fact("beats.malik.change_ratio").scalar() if max_change is None else max_change,
        )
    if keep_existing:
        flags = np.where(series.flags != BeatFlag.NORMAL, series.flags, flags).astype(np.uint8)
    return series.with_flags(flags)
