"""Beat series: validation, units, artefact detection, R peaks in ECG."""

from fibrokit.beats.ecg_rpeaks import ecg_rpeaks
from fibrokit.beats.ppg_beats import PpgBeats, classify_pulse_intervals, ppg_beats
from fibrokit.beats.rr_flag_artifacts import ARTIFACT_METHODS, rr_flag_artifacts
from fibrokit.beats.rr_series import rr_series
from fibrokit.beats.rr_units import UnitDecision, rr_units

__all__ = [
    "ARTIFACT_METHODS",
    "PpgBeats",
    "UnitDecision",
    "classify_pulse_intervals",
    "ecg_rpeaks",
    "ppg_beats",
    "rr_flag_artifacts",
    "rr_series",
    "rr_units",
]
