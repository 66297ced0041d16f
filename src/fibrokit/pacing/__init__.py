"""Pacing: personal heart-rate lines, zones, exertion load, readiness, plans and the live pipeline.

Heart-rate lines with their rules (and the resting heart rate behind them), zones without flicker, exertion load and a learned daily budget, morning
readiness, activity review, a self-paced progression plan, the flare link, and the pipeline behind
``fibrokit live``.

fibrokit informs; it does not prescribe exercise. Plans are to discuss with a clinician or physiotherapist.
"""

from fibrokit.pacing._state import PaceZone
from fibrokit.pacing.days import DayLoads, DaySymptoms, Mornings
from fibrokit.pacing.hr_measurement import HrMeasurement, hr_measurement
from fibrokit.pacing.pace_budget import Budget, pace_budget
from fibrokit.pacing.pace_flare_link import FlareLink, pace_flare_link
from fibrokit.pacing.pace_load import LoadTrace, pace_load
from fibrokit.pacing.pace_monitor import MonitorStatus, PaceEvent, PaceMonitor, pace_monitor
from fibrokit.pacing.pace_morning import MorningReading, pace_morning
from fibrokit.pacing.pace_plan import PlanWeek, ProgressionPlan, WeekOutcome, pace_plan
from fibrokit.pacing.pace_readiness import DayReadiness, FactorFlag, Readiness, pace_readiness
from fibrokit.pacing.pace_resting import RestingHr, pace_resting
from fibrokit.pacing.pace_review import ActivityReview, pace_review
from fibrokit.pacing.pace_thresholds import ExerciseTestValues, PacingThresholds, Threshold, pace_thresholds
from fibrokit.pacing.pace_week import WeekLoad, pace_week
from fibrokit.pacing.pace_zones import ZoneTrace, pace_zones

__all__ = [
    "ActivityReview",
    "Budget",
    "DayLoads",
    "DayReadiness",
    "DaySymptoms",
    "ExerciseTestValues",
    "FactorFlag",
    "FlareLink",
    "HrMeasurement",
    "LoadTrace",
    "MonitorStatus",
    "MorningReading",
    "Mornings",
    "PaceEvent",
    "PaceMonitor",
    "PaceZone",
    "PacingThresholds",
    "PlanWeek",
    "ProgressionPlan",
    "Readiness",
    "RestingHr",
    "Threshold",
    "WeekLoad",
    "WeekOutcome",
    "ZoneTrace",
    "hr_measurement",
    "pace_budget",
    "pace_flare_link",
    "pace_load",
    "pace_monitor",
    "pace_morning",
    "pace_plan",
    "pace_readiness",
    "pace_resting",
    "pace_review",
    "pace_thresholds",
    "pace_week",
    "pace_zones",
]
