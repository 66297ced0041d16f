"""The power spectrum of a beat series, as fibrokit computes it for band powers, for plotting and inspection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from fibrokit.errors import InsufficientData
from fibrokit.hrv._frequency import _lomb_density
from fibrokit.hrv._nn import nn_windows, series_origin
from fibrokit.hrv._ragged import FloatArray
from fibrokit.hrv._welch import welch_spectra
from fibrokit.hrv.settings import Bands, HrvSettings
from fibrokit.records import BeatSeries


@dataclass(frozen=True, eq=False)
class Spectrum:
    """A one-sided power spectral density in ms²/Hz, with the bands and settings it was computed with."""

    frequencies_hz: FloatArray
    density_ms2_hz: FloatArray
    method: str
    bands: Bands
    settings: HrvSettings


def hrv_spectrum(
    series: BeatSeries, *, method: Literal["welch", "lomb"] = "welch", settings: HrvSettings | None = None
) -> Spectrum:
    """The Welch or Lomb-Scargle spectrum of the NN intervals of the whole series.

    The same computation as the band powers of :func:`fibrokit.hrv_frequency`, returned as arrays.

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit import BeatSeries
    >>> from fibrokit import hrv_spectrum
    >>> spectrum = hrv_spectrum(BeatSeries.from_rr(1000 + 30 * np.sin(2 * np.pi * 0.25 * np.arange(600))))
    >>> round(float(spectrum.frequencies_hz[np.argmax(spectrum.density_ms2_hz)]), 2)
    0.25
    """
    chosen = settings or HrvSettings()
    if method not in ("welch", "lomb"):
        raise ValueError(f"`method` must be 'welch' or 'lomb', not {method!r}")
    if series.normal.sum() < 8:
        raise InsufficientData("a spectrum needs at least 8 normal beats")
    length = float(series.times_s[-1]) + 1e-6 - series_origin(series)
    w = nn_windows(series, np.array([0.0]), length, chosen)
    if method == "welch":
        frequencies, density = welch_spectra(series, w, chosen)
    else:
        frequencies, density, _ = _lomb_density(w, chosen)
    return Spectrum(frequencies, density[0], method, chosen.bands, chosen)
