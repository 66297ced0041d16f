"""Baevsky's stress index and a PNS-style index of vagal activity against published norms."""

from __future__ import annotations

from fibrokit.hrv.hrv import hrv
from fibrokit.hrv.result import HrvResult
from fibrokit.hrv.settings import HrvSettings
from fibrokit.records import BeatSeries


def hrv_stress(series: BeatSeries, *, settings: HrvSettings | None = None) -> HrvResult:
    """Baevsky stress index (50-ms bins) and its square root, and the PNS-style index.

    The PNS-style index averages the z-scores of mean NN and RMSSD against the short-term norms of healthy
    adults compiled by Nunan et al. (2010). It is an approximation in the style of Kubios's PNS index, whose
    third input and weights are not public; fibrokit does not offer an SNS-style index because no published
    population norm for the stress index was found to build it on.

    References
    ----------
    Baevsky RM, Chernikova AG. Cardiometry 2017;(10):66-76.
    Nunan D, Sandercock GRH, Brodie DA. Pacing Clin Electrophysiol 2010;33:1407-1417.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries, hrv_stress
    >>> rr = np.tile([900.0, 940.0, 960.0, 930.0], 100)
    >>> round(hrv_stress(BeatSeries.from_rr(rr))["stress_index"], 1)
    675.7
    """
    return hrv(series, domains=("stress",), settings=settings)
