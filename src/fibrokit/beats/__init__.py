"""Beat series: validation, units, artefact detection, R peaks in ECG.

Each name is imported on first use (PEP 562), so reading a file that only needs :func:`rr_series` does not load
the ECG and pulse-wave detectors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fibrokit._lazy import lazy_exports

if TYPE_CHECKING:
    from fibrokit.beats.ecg_rpeaks import ecg_rpeaks
    from fibrokit.beats.ppg_beats import PpgBeats, classify_pulse_intervals, ppg_beats
    from fibrokit.beats.rr_flag_artifacts import ARTIFACT_METHODS, rr_flag_artifacts
    from fibrokit.beats.rr_flag_stream import rr_flag_stream
    from fibrokit.beats.rr_series import rr_series
    from fibrokit.beats.rr_units import UnitDecision, rr_units

_PUBLIC: dict[str, str] = {
    "ARTIFACT_METHODS": "fibrokit.beats.rr_flag_artifacts",
    "PpgBeats": "fibrokit.beats.ppg_beats",
    "UnitDecision": "fibrokit.beats.rr_units",
    "classify_pulse_intervals": "fibrokit.beats.ppg_beats",
    "ecg_rpeaks": "fibrokit.beats.ecg_rpeaks",
    "ppg_beats": "fibrokit.beats.ppg_beats",
    "rr_flag_artifacts": "fibrokit.beats.rr_flag_artifacts",
    "rr_flag_stream": "fibrokit.beats.rr_flag_stream",
    "rr_series": "fibrokit.beats.rr_series",
    "rr_units": "fibrokit.beats.rr_units",
}

__all__ = [
    "ARTIFACT_METHODS",
    "PpgBeats",
    "UnitDecision",
    "classify_pulse_intervals",
    "ecg_rpeaks",
    "ppg_beats",
    "rr_flag_artifacts",
    "rr_flag_stream",
    "rr_series",
    "rr_units",
]


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)
