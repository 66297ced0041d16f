"""Beat series: validation, units, artefact detection, R peaks in ECG."""

from fibrokit.beats.ecg_rpeaks import ecg_rpeaks
from fibrokit.beats.rr_flag_artifacts import ARTIFACT_METHODS, rr_flag_artifacts
from fibrokit.beats.rr_series import rr_series
from fibrokit.beats.rr_units import UnitDecision, rr_units

__all__ = ["ARTIFACT_METHODS", "UnitDecision", "ecg_rpeaks", "rr_flag_artifacts", "rr_series", "rr_units"]
