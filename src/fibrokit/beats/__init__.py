"""Beat series: validation, units, artefact detection."""

from fibrokit.beats.rr_flag_artifacts import ARTIFACT_METHODS, rr_flag_artifacts
from fibrokit.beats.rr_series import rr_series
from fibrokit.beats.rr_units import UnitDecision, rr_units

__all__ = ["ARTIFACT_METHODS", "UnitDecision", "rr_flag_artifacts", "rr_series", "rr_units"]
