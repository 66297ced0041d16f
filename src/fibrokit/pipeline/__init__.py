"""The analysis pipeline: one recording in, its honest analysis out (:func:`analyse_recording`)."""

from fibrokit.pipeline._summary import Quality
from fibrokit.pipeline.analyse_recording import (
    AnalysisSettings,
    Person,
    PhaseUsed,
    RecordingAnalysis,
    analyse_recording,
)
from fibrokit.pipeline.parse_phases import parse_phases

__all__ = [
    "AnalysisSettings",
    "Person",
    "PhaseUsed",
    "Quality",
    "RecordingAnalysis",
    "analyse_recording",
    "parse_phases",
]
