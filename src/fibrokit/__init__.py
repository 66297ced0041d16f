"""fibrokit: autonomic testing, heart-rate variability, pacing, diaries and treatment trials for fibromyalgia.

fibrokit informs; it does not diagnose or prescribe.

The public API, in the order data flows: read a file (:func:`read_rr_text`, :func:`read_mit_annotations`) or
build beats from values (:func:`rr_series`); flag artefacts (:func:`rr_flag_artifacts`); compute HRV over the
whole series (:func:`hrv` and its per-domain parts) or over windows (:func:`hrv_windows`).
"""

from fibrokit._version import __version__
from fibrokit.beats import ARTIFACT_METHODS, UnitDecision, ecg_rpeaks, rr_flag_artifacts, rr_series, rr_units
from fibrokit.errors import (
    CorruptFile,
    FibrokitError,
    FibrokitWarning,
    InputError,
    InsufficientData,
    ReaderError,
    UnsupportedFormat,
)
from fibrokit.hrv import (
    METRICS,
    PRESETS,
    Bands,
    HrvResult,
    HrvSettings,
    HrvTable,
    MetricInfo,
    MetricValue,
    hrv,
    hrv_frequency,
    hrv_nonlinear,
    hrv_stress,
    hrv_time,
    hrv_windows,
)
from fibrokit.readers import (
    READERS,
    ReaderInfo,
    iter_read,
    read,
    read_apple_health,
    read_edf,
    read_fit,
    read_gpx,
    read_mit_annotations,
    read_moxy,
    read_polar_hrm,
    read_rr_text,
    read_tcx,
    read_train_red,
    read_wfdb,
)
from fibrokit.records import BeatFlag, BeatSeries, Channel, Marker, Recording

__all__ = [
    "ARTIFACT_METHODS",
    "METRICS",
    "PRESETS",
    "READERS",
    "Bands",
    "BeatFlag",
    "BeatSeries",
    "Channel",
    "CorruptFile",
    "FibrokitError",
    "FibrokitWarning",
    "HrvResult",
    "HrvSettings",
    "HrvTable",
    "InputError",
    "InsufficientData",
    "Marker",
    "MetricInfo",
    "MetricValue",
    "ReaderError",
    "ReaderInfo",
    "Recording",
    "UnitDecision",
    "UnsupportedFormat",
    "__version__",
    "ecg_rpeaks",
    "hrv",
    "hrv_frequency",
    "hrv_nonlinear",
    "hrv_stress",
    "hrv_time",
    "hrv_windows",
    "iter_read",
    "read",
    "read_apple_health",
    "read_edf",
    "read_fit",
    "read_gpx",
    "read_mit_annotations",
    "read_moxy",
    "read_polar_hrm",
    "read_rr_text",
    "read_tcx",
    "read_train_red",
    "read_wfdb",
    "rr_flag_artifacts",
    "rr_series",
    "rr_units",
]
