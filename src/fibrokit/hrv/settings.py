"""Every setting of an HRV analysis, in one frozen object that travels with each result.

Peer libraries disagree by tens of percent on the same data because their defaults differ and are not reported
(resampling rate, detrending, Welch segments, band edges, ddof, which differences count). fibrokit keeps every
such choice in :class:`HrvSettings`, stores it beside every value, and offers named presets:

``"fibrokit"``
    The default: Task Force 1996 bands and definitions, NN differences only between adjacent normal beats,
    Welch on a 4-Hz cubic-spline series, an exact Lomb-Scargle density, Richman-Moorman sample entropy.
``"pcst"``
    Reproduces the PhysioNet Cardiovascular Signal Toolbox (Vest et al. 2018) as run for its published
    demo output: beats re-timed as the running sum of intervals, differences taken across removed beats,
    its Lomb scaling on a fixed 1/1024-Hz grid, its "fast" sample entropy with r = 0.15.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from fibrokit.choices import HRV_PRESETS
from fibrokit.evidence import fact


def _scalar(key: str) -> float:
    return fact(key).scalar()


def _pair(key: str) -> tuple[float, float]:
    return fact(key).pair()


@dataclass(frozen=True)
class Bands:
    """Edges in Hz of the four standard frequency bands."""

    ulf: tuple[float, float]
    vlf: tuple[float, float]
    lf: tuple[float, float]
    hf: tuple[float, float]

    @classmethod
    def named(cls, kind: Literal["task_force", "toolkit"]) -> Bands:
        """Task Force 1996 bands, or the toolkits' variant with the VLF edge at 0.0033 Hz."""
        slow = "hrv.band_toolkit" if kind == "toolkit" else "hrv.band"
        return cls(
            _pair(f"{slow}.ulf_hz"), _pair(f"{slow}.vlf_hz"), _pair("hrv.band.lf_hz"), _pair("hrv.band.hf_hz")
        )

    def items(self) -> tuple[tuple[str, tuple[float, float]], ...]:
        """``(name, (low, high))`` for each band, slowest first."""
        return (("ulf", self.ulf), ("vlf", self.vlf), ("lf", self.lf), ("hf", self.hf))


@dataclass(frozen=True)
class HrvSettings:
    """The settings of an HRV analysis.

    Parameters
    ----------
    preset : str
        Name of the preset these settings started from.
    pairs : {"adjacent", "concatenated"}
        Which successive differences count: ``"adjacent"`` takes a difference only between two normal beats
        that follow each other in the recording (Task Force NN differences); ``"concatenated"`` joins the
        remaining NN intervals and differences neighbours even across removed beats (as the toolbox does).
    retime_from_intervals : bool
        Place beats at the running sum of their intervals from the first beat instead of their recorded
        times (toolbox behaviour; matters only for beats on a window edge).
    nn_threshold_inclusive : bool
        pNNx counts differences ``>= x`` when True, ``> x`` (Task Force) when False.
    pnn_denominator : {"intervals", "differences"}
        pNNx divides by the number of NN intervals (Task Force) or by the number of differences.
    sd2_method : {"pairs", "sdnn_sdsd"}
        SD2 from the spread of adjacent-pair sums, or from ``sqrt(2 SDNN² - SDSD²/2)``.
    bands : Bands
        Frequency bands in Hz.
    resample_hz : float
        Rate of the cubic-spline resampling before Welch's method.
    welch_segment_s, welch_overlap : float
        Welch segment length (s) and fractional overlap.
    welch_window : str
        Taper of each Welch segment (any SciPy window name).
    welch_min_nfft : int
        Shortest FFT of a segment (zero padding): 2048 samples at 4 Hz put spectral lines 0.002 Hz apart, so
        band edges are resolved even when segments are short.
    detrend : {"none", "constant", "linear", "smoothness_priors"}
        Trend removed before Welch: only the window's mean (``"none"``, as NeuroKit2 does), each segment's
        mean, a line per segment, or the smoothness-priors trend of the whole resampled window (Tarvainen 2002).
    band_integration : {"rectangle", "trapezoid"}
        How a band's power is summed from the spectrum: spectral values × frequency step (rectangle, as the
        toolboxes do) or the trapezoid rule over the lines inside the band (as NeuroKit2 does).
    smoothness_lambda : float
        Regularisation of smoothness-priors detrending.
    lomb_grid : {"window", "fixed"}
        Lomb frequencies: spaced ``1 / (lomb_oversampling × window length)`` or the fixed grid
        ``k / lomb_fixed_nfft`` Hz.
    lomb_oversampling : float
        Oversampling factor of the ``"window"`` grid.
    lomb_fixed_nfft : int
        Denominator of the ``"fixed"`` grid.
    lomb_scaling : {"density", "pcst"}
        ``"density"`` scales the Lomb-Scargle periodogram to a one-sided density whose integral equals the
        variance (ms²/Hz); ``"pcst"`` reproduces the toolbox's unnormalised sum.
    sampen_variant : {"richman_moorman", "pcst_fast"}
        Sample entropy as defined by Richman & Moorman (2000) or the toolbox's fast variant.
    sampen_m, sampen_r : float
        Template length and tolerance (fraction of the SD) of sample entropy.
    apen_m, apen_r : float
        The same for approximate entropy.
    dfa_alpha1_beats, dfa_alpha2_beats : tuple of float
        Box-size ranges of the DFA exponents.
    stress_bin_ms : float
        Histogram bin of Baevsky's stress index.
    enforce_minimum : bool
        Return NaN (with a warning) when a window holds less data than a metric's registered minimum.
    """

    preset: str = "fibrokit"
    pairs: Literal["adjacent", "concatenated"] = "adjacent"
    retime_from_intervals: bool = False
    nn_threshold_inclusive: bool = False
    pnn_denominator: Literal["intervals", "differences"] = "intervals"
    sd2_method: Literal["pairs", "sdnn_sdsd"] = "pairs"
    bands: Bands = field(default_factory=lambda: Bands.named("task_force"))
    resample_hz: float = field(default_factory=lambda: _scalar("hrv.resample_hz"))
    welch_segment_s: float = field(default_factory=lambda: _scalar("hrv.welch.segment_s"))
    welch_overlap: float = field(default_factory=lambda: _scalar("hrv.welch.overlap"))
    welch_window: str = "hann"
    welch_min_nfft: int = 2048
    detrend: Literal["none", "constant", "linear", "smoothness_priors"] = "constant"
    band_integration: Literal["rectangle", "trapezoid"] = "rectangle"
    smoothness_lambda: float = field(default_factory=lambda: _scalar("hrv.smoothness_priors.lambda"))
    lomb_grid: Literal["window", "fixed"] = "window"
    lomb_oversampling: float = field(default_factory=lambda: _scalar("hrv.lomb.oversampling"))
    lomb_fixed_nfft: int = field(default_factory=lambda: int(_scalar("hrv.lomb.pcst_nfft")))
    lomb_scaling: Literal["density", "pcst"] = "density"
    sampen_variant: Literal["richman_moorman", "pcst_fast"] = "richman_moorman"
    sampen_m: int = field(default_factory=lambda: int(_scalar("hrv.sampen.m")))
    sampen_r: float = field(default_factory=lambda: _scalar("hrv.sampen.r_sd"))
    apen_m: int = field(default_factory=lambda: int(_scalar("hrv.apen.m")))
    apen_r: float = field(default_factory=lambda: _scalar("hrv.apen.r_sd"))
    dfa_alpha1_beats: tuple[float, float] = field(default_factory=lambda: _pair("hrv.dfa.alpha1_beats"))
    dfa_alpha2_beats: tuple[float, float] = field(default_factory=lambda: _pair("hrv.dfa.alpha2_beats"))
    stress_bin_ms: float = field(default_factory=lambda: _scalar("hrv.stress.bin_ms"))
    enforce_minimum: bool = True

    def __post_init__(self) -> None:
        _check_choice("pairs", self.pairs, ("adjacent", "concatenated"))
        _check_choice("pnn_denominator", self.pnn_denominator, ("intervals", "differences"))
        _check_choice("sd2_method", self.sd2_method, ("pairs", "sdnn_sdsd"))
        _check_choice("detrend", self.detrend, ("none", "constant", "linear", "smoothness_priors"))
        _check_choice("lomb_grid", self.lomb_grid, ("window", "fixed"))
        _check_choice("band_integration", self.band_integration, ("rectangle", "trapezoid"))
        _check_choice("lomb_scaling", self.lomb_scaling, ("density", "pcst"))
        _check_choice("sampen_variant", self.sampen_variant, ("richman_moorman", "pcst_fast"))
        _check_positive(
            resample_hz=self.resample_hz,
            welch_segment_s=self.welch_segment_s,
            lomb_oversampling=self.lomb_oversampling,
            sampen_r=self.sampen_r,
            apen_r=self.apen_r,
            stress_bin_ms=self.stress_bin_ms,
        )
        if not 0.0 <= self.welch_overlap < 1.0:
            raise ValueError(f"`welch_overlap` must be in [0, 1), not {self.welch_overlap}")
        for name, (low, high) in self.bands.items():
            if not 0.0 <= low < high:
                raise ValueError(f"band `{name}` must have 0 <= low < high, not ({low}, {high})")

    @classmethod
    def preset_named(cls, name: str) -> HrvSettings:
        """Return the settings of a named preset (``"fibrokit"`` or ``"pcst"``)."""
        if name == "fibrokit":
            return cls()
        if name == "pcst":
            return cls(
                preset="pcst",
                pairs="concatenated",
                retime_from_intervals=True,
                nn_threshold_inclusive=True,
                pnn_denominator="differences",
                sd2_method="sdnn_sdsd",
                bands=Bands.named("toolkit"),
                lomb_grid="fixed",
                lomb_fixed_nfft=int(_scalar("hrv.lomb.pcst_nfft")),
                lomb_scaling="pcst",
                sampen_variant="pcst_fast",
                sampen_r=_scalar("hrv.sampen.r_sd_pcst"),
                enforce_minimum=False,
            )
        raise ValueError(f"`preset` must be one of {PRESETS}, not {name!r}")

    def replace(self, **changes: Any) -> HrvSettings:
        """Return a copy with some settings changed (the preset name is kept)."""
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, object]:
        """Every setting as plain values, for storage beside a result."""
        return dataclasses.asdict(self)


PRESETS = HRV_PRESETS  # named once, in fibrokit.choices


def _check_choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"`{name}` must be one of {', '.join(map(repr, allowed))}, not {value!r}")


def _check_positive(**values: float) -> None:
    for name, value in values.items():
        if not value > 0:
            raise ValueError(f"`{name}` must be positive, not {value}")
