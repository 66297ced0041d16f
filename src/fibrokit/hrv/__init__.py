"""Heart-rate variability: time, frequency, nonlinear and stress metrics, over a series or windows of it."""

from fibrokit._lazy import keep_functions as _keep_functions
from fibrokit.hrv.hrv import hrv
from fibrokit.hrv.hrv_frequency import hrv_frequency
from fibrokit.hrv.hrv_nonlinear import hrv_nonlinear
from fibrokit.hrv.hrv_spectrum import Spectrum, hrv_spectrum
from fibrokit.hrv.hrv_stress import hrv_stress
from fibrokit.hrv.hrv_time import hrv_time
from fibrokit.hrv.hrv_window_chunks import hrv_window_chunks
from fibrokit.hrv.hrv_window_stream import StreamedWindows, hrv_window_stream
from fibrokit.hrv.hrv_windows import hrv_windows
from fibrokit.hrv.registry import METRICS, MetricInfo
from fibrokit.hrv.result import HrvResult, HrvTable, MetricValue
from fibrokit.hrv.settings import PRESETS, Bands, HrvSettings

__all__ = [
    "METRICS",
    "PRESETS",
    "Bands",
    "HrvResult",
    "HrvSettings",
    "HrvTable",
    "MetricInfo",
    "MetricValue",
    "Spectrum",
    "StreamedWindows",
    "hrv",
    "hrv_frequency",
    "hrv_nonlinear",
    "hrv_spectrum",
    "hrv_stress",
    "hrv_time",
    "hrv_window_chunks",
    "hrv_window_stream",
    "hrv_windows",
]

# ``hrv_time`` and others are both a module and the function it defines: the package keeps the function.
_keep_functions(__name__, frozenset(__all__))
