"""The named options fibrokit offers, declared once: the core, the command line, the app's forms and the docs read them.

Where definitions differ (the age-predicted maximal heart rate, what followed an exercise test, how artefacts
are found, how the pacing lines are set), fibrokit implements each as a named option and records which one a
result used. This module names them, and nothing else: it imports nothing, so the command line can build its
choices without loading NumPy. Each option's numbers live in the evidence registry (``protocols.hrmax.<name>``
for the equations); ``tests/common/test_single_sources.py`` checks that the core, the command line and the forms
offer exactly these.

>>> HRMAX_FORMULAS
('fox', 'gellish', 'tanaka', 'fibromyalgia')
>>> PROTOCOL_SHORT_NAMES["exercise-test"]
'exercise'
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal, get_args

HrmaxFormula = Literal["fox", "gellish", "tanaka", "fibromyalgia"]
#: Age-predicted maximal heart-rate equations; each has its (intercept, slope) at ``protocols.hrmax.<name>``.
HRMAX_FORMULAS: tuple[HrmaxFormula, ...] = get_args(HrmaxFormula)
#: Who an equation is named after, as the exercise test cites it beside the equation (None: cited by its source).
HRMAX_NAMED_AFTER: MappingProxyType[str, str | None] = MappingProxyType(
    {"fox": "Fox 1971", "gellish": "Gellish 2007", "tanaka": "Tanaka 2001", "fibromyalgia": None}
)

CoolDown = Literal["active", "seated", "supine", "none", "unknown"]
#: What a person did right after an exercise test (the heart-rate recovery norms depend on it).
COOL_DOWNS: tuple[CoolDown, ...] = get_args(CoolDown)

ArtifactMethod = Literal["lipponen2019", "hrv_toolkit", "pcst", "threshold", "none"]
#: How beats are checked for artefacts (``fibrokit.rr_flag_artifacts``).
ARTIFACT_METHODS: tuple[ArtifactMethod, ...] = get_args(ArtifactMethod)

ThresholdRule = Literal["rest_x1.15", "rest_plus15"]
#: Rules for the pacing exertion threshold (``fibrokit.pace_thresholds``).
THRESHOLD_RULES: tuple[ThresholdRule, ...] = get_args(ThresholdRule)

CeilingRule = Literal["auto", "clinician_vt1", "exercise_test", "age_0.55", "age_vt1"]
#: Rules for the pacing over-exertion ceiling (``fibrokit.pace_thresholds``).
CEILING_RULES: tuple[CeilingRule, ...] = get_args(CeilingRule)

PlanActivity = Literal["walking", "cycling", "warm_water"]
#: Activities a pacing progression plan can be made for (``fibrokit.pacing.pace_plan``).
PLAN_ACTIVITIES: tuple[PlanActivity, ...] = get_args(PlanActivity)

Correction = Literal["holm", "bh", "none"]
#: Multiple-comparison corrections of a cohort comparison (``fibrokit.cohort.cohort_compare``).
CORRECTIONS: tuple[Correction, ...] = get_args(Correction)

CohortScenario = Literal["exercise", "stand", "rest", "day", "breathing", "valsalva"]
#: What the simulated people of ``fibrokit cohort simulate`` do.
COHORT_SCENARIOS: tuple[CohortScenario, ...] = get_args(CohortScenario)

#: The short name the command line and the cohort runner give each test of the protocol registry, by its kind.
PROTOCOL_SHORT_NAMES: MappingProxyType[str, str] = MappingProxyType(
    {
        "exercise-test": "exercise",
        "active-stand": "stand",
        "deep-breathing": "breathing",
        "valsalva": "valsalva",
        "morning-reading": "morning",
        "muscle-oxygen": "oxygen",
    }
)

HrvPreset = Literal["fibrokit", "pcst"]
#: Named sets of HRV settings (``fibrokit.HrvSettings.preset_named``); ``pcst`` reproduces the PhysioNet toolbox.
HRV_PRESETS: tuple[HrvPreset, ...] = get_args(HrvPreset)

Sex = Literal["f", "m"]
#: Sex as the norms of some tests and the simulator distinguish it (female, male).
SEXES: tuple[Sex, ...] = get_args(Sex)

ItemKind = Literal["symptom", "trigger", "exposure"]
#: What a diary item is: a symptom rated 0-10, or a trigger or exposure marked present (``fibrokit.DiaryItem``).
ITEM_KINDS: tuple[ItemKind, ...] = get_args(ItemKind)

Area = Literal["tests", "diary", "treatments", "pacing"]
#: The areas of a person's data: shared, reported and exported per area.
AREAS: tuple[Area, ...] = get_args(Area)

__all__ = [
    "AREAS",
    "ARTIFACT_METHODS",
    "CEILING_RULES",
    "COHORT_SCENARIOS",
    "COOL_DOWNS",
    "CORRECTIONS",
    "HRMAX_FORMULAS",
    "HRMAX_NAMED_AFTER",
    "HRV_PRESETS",
    "ITEM_KINDS",
    "PLAN_ACTIVITIES",
    "PROTOCOL_SHORT_NAMES",
    "SEXES",
    "THRESHOLD_RULES",
    "Area",
    "ArtifactMethod",
    "CeilingRule",
    "CohortScenario",
    "CoolDown",
    "Correction",
    "HrmaxFormula",
    "HrvPreset",
    "ItemKind",
    "PlanActivity",
    "Sex",
    "ThresholdRule",
]
