"""The analysis pipeline: one recording in, its honest analysis out (:func:`analyse_recording`)."""

from fibrokit.pipeline._summary import Quality, heart_rate_summary
from fibrokit.pipeline._types import AnalysisSettings, Person, PhaseUsed, RecordingAnalysis
from fibrokit.pipeline.analyse_recording import analyse_recording
from fibrokit.pipeline.heart_rate_series import heart_rate_series
from fibrokit.pipeline.parse_phases import parse_phases

__all__ = [
    "AnalysisSettings",
    "Person",
    "PhaseUsed",
    "Quality",
    "RecordingAnalysis",
    "analyse_recording",
    "heart_rate_series",
    "heart_rate_summary",
    "parse_phases",
]
