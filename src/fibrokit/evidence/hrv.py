"""Facts behind beat cleaning and heart-rate variability: bands, thresholds and method constants."""

from __future__ import annotations

from fibrokit.evidence._types import Fact

_LIPPONEN_NOTE = (
    "the value given for the published algorithm by three open implementations that cite the paper "
    "(NeuroKit2, systole, hrvester); the full text was not available to check"
)
_TOOLKIT_NOTE = (
    "as described in Vest et al. 2018 (Table 2) and in the HRV Toolkit's documentation of its filter, which "
    "averages the neighbours without the central interval"
)

_PCST_NOTE = (
    "read in the toolbox's parameter file (InitializeHRVparams.m, demo settings) and preprocessing code, and "
    "confirmed by reproducing its published demo output window by window"
)
_NUNAN_NOTE = (
    "as quoted from the paper's summary table by several secondary sources; the abstract was read, the table "
    "itself was not available to check"
)

FACTS: tuple[Fact, ...] = (
    # -- Frequency bands ---------------------------------------------------------------------------------------
    Fact(
        "hrv.band.ulf_hz",
        (0.0, 0.003),
        "Hz",
        "task_force_1996",
        "Ultra-low-frequency band (24-hour recordings only).",
        "Table 2",
    ),
    Fact("hrv.band.vlf_hz", (0.003, 0.04), "Hz", "task_force_1996", "Very-low-frequency band.", "Tables 1-2"),
    Fact("hrv.band.lf_hz", (0.04, 0.15), "Hz", "task_force_1996", "Low-frequency band.", "Tables 1-2"),
    Fact("hrv.band.hf_hz", (0.15, 0.4), "Hz", "task_force_1996", "High-frequency band.", "Tables 1-2"),
    Fact(
        "hrv.band_toolkit.ulf_hz",
        (0.0, 0.0033),
        "Hz",
        "vest_2018",
        "ULF band as used by the PhysioNet HRV Toolkit and the Cardiovascular Signal Toolbox.",
        "Table 2",
    ),
    Fact(
        "hrv.band_toolkit.vlf_hz",
        (0.0033, 0.04),
        "Hz",
        "vest_2018",
        "VLF band as used by the PhysioNet HRV Toolkit and the Cardiovascular Signal Toolbox.",
        "Table 2",
    ),
    Fact(
        "hrv.short_term_s",
        300.0,
        "s",
        "task_force_1996",
        "Standard short-term recording length; VLF assessed from recordings shorter than 5 min is unreliable.",
        "Frequency domain methods, short-term recordings",
    ),
    Fact(
        "hrv.segment_s",
        300.0,
        "s",
        "task_force_1996",
        "Segment length of SDANN and the SDNN index (5-minute segments of a long recording).",
        "Table 1",
    ),
    Fact(
        "hrv.min_duration.hf_s",
        60.0,
        "s",
        "task_force_1996",
        "About 1 minute of recording is needed to assess HF power (10 cycles of its lower edge).",
        "Frequency domain methods",
    ),
    Fact(
        "hrv.min_duration.lf_s",
        120.0,
        "s",
        "task_force_1996",
        "About 2 minutes of recording are needed to assess LF power.",
        "Frequency domain methods",
    ),
    Fact(
        "hrv.min_duration.vlf_s",
        300.0,
        "s",
        "task_force_1996",
        "VLF from recordings of 5 minutes or less is dubious; fibrokit computes it from 5 minutes on.",
        "Frequency domain methods",
    ),
    Fact(
        "hrv.min_duration.ulf_s",
        86400.0,
        "s",
        "task_force_1996",
        "ULF power is defined for 24-hour recordings.",
        "Table 2",
    ),
    Fact(
        "hrv.min_duration.geometric_s",
        1200.0,
        "s",
        "task_force_1996",
        "Geometric methods (triangular index, TINN) need at least 20 minutes of NN intervals.",
        "Geometrical methods",
    ),
    # -- Time domain -------------------------------------------------------------------------------------------
    Fact(
        "hrv.nn50_ms",
        50.0,
        "ms",
        "ewing_1984",
        "Threshold of NN50: successive NN intervals differing by more than 50 ms.",
    ),
    Fact(
        "hrv.nn20_ms", 20.0, "ms", "mietus_2002", "Threshold of pNN20, the more discriminating pNNx variant."
    ),
    Fact(
        "hrv.triangular_bin_ms",
        1000.0 / 128.0,
        "ms",
        "task_force_1996",
        "Bin width of the NN histogram for the HRV triangular index and TINN (1/128 s).",
        "Table 1",
    ),
    # -- Nonlinear ---------------------------------------------------------------------------------------------
    Fact("hrv.sampen.m", 2.0, "", "richman_2000", "Template length m of sample entropy."),
    Fact(
        "hrv.sampen.r_sd",
        0.2,
        "SD",
        "richman_2000",
        "Tolerance r of sample entropy as a fraction of the series' standard deviation.",
    ),
    Fact(
        "hrv.sampen.r_sd_pcst",
        0.15,
        "SD",
        "vest_2018",
        "Tolerance r of the Cardiovascular Signal Toolbox's sample entropy (its demo settings).",
        note="read in the toolbox's parameter file InitializeHRVparams.m and confirmed by reproducing its "
        "reference output",
    ),
    Fact("hrv.apen.m", 2.0, "", "pincus_1991", "Template length m of approximate entropy."),
    Fact(
        "hrv.apen.r_sd",
        0.2,
        "SD",
        "pincus_1991",
        "Tolerance r of approximate entropy as a fraction of the standard deviation (0.1-0.25 advised).",
    ),
    Fact(
        "hrv.dfa.alpha1_beats",
        (4.0, 16.0),
        "beats",
        "peng_1995",
        "Box sizes of the short-term DFA scaling exponent alpha1.",
    ),
    Fact(
        "hrv.dfa.alpha2_beats",
        (16.0, 64.0),
        "beats",
        "peng_1995",
        "Box sizes of the long-term DFA scaling exponent alpha2.",
    ),
    Fact(
        "hrv.stress.bin_ms",
        50.0,
        "ms",
        "baevsky_2017",
        "Histogram bin width for the mode and amplitude of the mode of Baevsky's stress index.",
        note="the usual convention in the literature that follows Baevsky; the original used 1/128 s",
    ),
    Fact(
        "hrv.norm.short_term.mean_nn_ms",
        (926.0, 90.0),
        "ms",
        "nunan_2010",
        "Mean RR interval of healthy adults at rest in short-term recordings (mean, SD).",
        note=_NUNAN_NOTE,
    ),
    Fact(
        "hrv.norm.short_term.rmssd_ms",
        (42.0, 15.0),
        "ms",
        "nunan_2010",
        "RMSSD of healthy adults at rest in short-term recordings (mean, SD).",
        note=_NUNAN_NOTE,
    ),
    # -- Spectral method defaults -----------------------------------------------------------------------------
    Fact(
        "hrv.resample_hz",
        4.0,
        "Hz",
        "fibrokit",
        "Rate at which the NN series is resampled by cubic spline before Welch's method: ten times the upper "
        "edge of the HF band, and the rate Kubios and most toolkits use, so results compare.",
        convention=True,
    ),
    Fact(
        "hrv.welch.segment_s",
        120.0,
        "s",
        "fibrokit",
        "Welch segment length: the 2 minutes the Task Force asks for to resolve LF power, which fits four "
        "half-overlapping segments into a 5-minute window.",
        convention=True,
    ),
    Fact(
        "hrv.welch.overlap", 0.5, "", "welch_1967", "Successive Welch segments overlap by half their length."
    ),
    Fact(
        "hrv.smoothness_priors.lambda",
        500.0,
        "",
        "tarvainen_2002",
        "Regularisation of smoothness-priors detrending.",
        note="the value Kubios uses, as quoted in secondary sources; the paper studies a range of values",
    ),
    Fact(
        "hrv.lomb.oversampling",
        4.0,
        "",
        "vest_2018",
        "Oversampling factor of the Lomb periodogram frequency grid in the HRV Toolkit.",
        "Table 2",
    ),
    Fact(
        "hrv.entropy.min_beats",
        100.0,
        "beats",
        "fibrokit",
        "Sample and approximate entropy need at least 10^m = 100 intervals for m = 2, so that template "
        "counts are large enough to be stable.",
        convention=True,
    ),
    Fact(
        "hrv.dfa.min_boxes",
        4.0,
        "boxes",
        "fibrokit",
        "A DFA exponent is computed only when the largest box size fits at least 4 times into the series.",
        convention=True,
    ),
    Fact(
        "hrv.lomb.pcst_nfft",
        1024.0,
        "",
        "vest_2018",
        "The Cardiovascular Signal Toolbox evaluates its Lomb periodogram at k/1024 Hz.",
        note="read in the toolbox's frequency-domain code and confirmed by reproducing its reference output",
    ),
    # -- Beat cleaning -----------------------------------------------------------------------------------------
    Fact(
        "beats.lipponen.alpha",
        5.2,
        "",
        "lipponen_2019",
        "Multiplier of the quartile deviation giving the time-varying thresholds Th1 and Th2.",
        note=_LIPPONEN_NOTE,
    ),
    Fact(
        "beats.lipponen.window_beats",
        91.0,
        "beats",
        "lipponen_2019",
        "Number of surrounding beats over which the quartile deviation is taken.",
        note=_LIPPONEN_NOTE,
    ),
    Fact(
        "beats.lipponen.median_beats",
        11.0,
        "beats",
        "lipponen_2019",
        "Length of the median filter giving the local RR level for mRR.",
        note=_LIPPONEN_NOTE,
    ),
    Fact(
        "beats.lipponen.c1",
        0.13,
        "",
        "lipponen_2019",
        "Slope of the ectopic-beat decision boundary.",
        note=_LIPPONEN_NOTE,
    ),
    Fact(
        "beats.lipponen.c2",
        0.17,
        "",
        "lipponen_2019",
        "Offset of the ectopic-beat decision boundary.",
        note=_LIPPONEN_NOTE,
    ),
    Fact(
        "beats.toolkit.ratio",
        0.2,
        "",
        "vest_2018",
        "HRV Toolkit filter: an interval more than 20 % from the mean of its neighbours is excluded.",
        "Table 2",
        note=_TOOLKIT_NOTE,
    ),
    Fact(
        "beats.toolkit.half_window_beats",
        20.0,
        "beats",
        "vest_2018",
        "HRV Toolkit filter: neighbours are the 20 intervals on each side.",
        "Table 2",
        note=_TOOLKIT_NOTE,
    ),
    Fact(
        "beats.toolkit.range_ms",
        (400.0, 2000.0),
        "ms",
        "vest_2018",
        "HRV Toolkit filter: intervals outside 0.4-2.0 s are excluded.",
        "Table 2",
        note=_TOOLKIT_NOTE,
    ),
    Fact(
        "beats.pcst.gap_limit_ms",
        2000.0,
        "ms",
        "vest_2018",
        "Cardiovascular Signal Toolbox: intervals of this length or longer are treated as gaps.",
        note=_PCST_NOTE,
    ),
    Fact(
        "beats.pcst.range_ms",
        (375.0, 2000.0),
        "ms",
        "vest_2018",
        "Cardiovascular Signal Toolbox: intervals outside 60/160 to 60/30 s are removed.",
        note=_PCST_NOTE,
    ),
    Fact(
        "beats.pcst.change_ratio",
        0.2,
        "",
        "vest_2018",
        "Cardiovascular Signal Toolbox: an interval changing by 20 % or more from its neighbours' medians is "
        "removed.",
        note=_PCST_NOTE,
    ),
    Fact(
        "beats.pcst.median_beats",
        5.0,
        "beats",
        "vest_2018",
        "Cardiovascular Signal Toolbox: the medians of the 5 intervals before and the 5 after are compared.",
        note=_PCST_NOTE,
    ),
    Fact(
        "beats.malik.change_ratio",
        0.2,
        "",
        "malik_1989",
        "An interval differing by more than 20 % from the previous accepted interval is excluded.",
        note="a standard attribution of the 20 % rule; the paper's text was not available to check",
    ),
    # -- Conventions of fibrokit -------------------------------------------------------------------------------
    Fact(
        "beats.units.plausible_ms",
        (200.0, 3000.0),
        "ms",
        "fibrokit",
        "Span of typical RR values used only to tell milliseconds from seconds: a median RR between 0.2 and "
        "3 s (20-300 beats per minute) identifies the unit; values outside both spans are refused.",
        convention=True,
    ),
    Fact(
        "beats.gap_tolerance_ms",
        250.0,
        "ms",
        "fibrokit",
        "When beat times are given, a beat whose time exceeds the previous beat time plus its RR interval by "
        "more than this is taken to follow a gap in the recording.",
        convention=True,
    ),
)
