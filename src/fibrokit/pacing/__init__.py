"""Pacing: personal heart-rate lines, zones, exertion load, readiness, plans and the live pipeline.

Heart-rate lines with their rules, zones without flicker, exertion load and a learned daily budget, morning
readiness, activity review, a self-paced progression plan, the flare link, and the pipeline behind
``fibrokit live``.

fibrokit informs; it does not prescribe exercise. Plans are to discuss with a clinician or physiotherapist.
"""

from fibrokit.pacing._state import PaceZone
from fibrokit.pacing.hr_measurement import HrMeasurement, hr_measurement
from fibrokit.pacing.pace_load import LoadTrace, pace_load
from fibrokit.pacing.pace_monitor import MonitorStatus, PaceEvent, PaceMonitor, pace_monitor
from fibrokit.pacing.pace_thresholds import ExerciseTestValues, PacingThresholds, Threshold, pace_thresholds
from fibrokit.pacing.pace_zones import ZoneTrace, pace_zones

__all__ = [
    "ExerciseTestValues",
    "HrMeasurement",
    "LoadTrace",
    "MonitorStatus",
    "PaceEvent",
    "PaceMonitor",
    "PaceZone",
    "PacingThresholds",
    "Threshold",
    "ZoneTrace",
    "hr_measurement",
    "pace_load",
    "pace_monitor",
    "pace_thresholds",
    "pace_zones",
]
