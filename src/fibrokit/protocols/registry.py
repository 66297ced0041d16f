"""The protocol registry: every test fibrokit scores, what it needs, its phases, and how it is scored.

The one table the analysis pipeline, the command line, the cohort runner, the app and the docs read. A scorer
takes the recording (beats already flagged, with ``artifact_method="none"`` meaning "keep those flags") and
the :class:`ScoringInput` the pipeline gathered: the person's age, the phases (given by the person, from
markers, or recognised) and the options of the test.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np

from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.evidence import fact
from fibrokit.protocols._result import ProtocolResult
from fibrokit.protocols.active_stand import active_stand
from fibrokit.protocols.deep_breathing import deep_breathing
from fibrokit.protocols.exercise_test import RECOVERY_MARKS_S, exercise_test
from fibrokit.protocols.morning_reading import morning_reading
from fibrokit.protocols.muscle_oxygen import muscle_oxygen
from fibrokit.protocols.valsalva import valsalva
from fibrokit.records import BeatSeries, Recording

Needs = Literal["beats", "heart_rate", "smo2"]
Span = tuple[float, float]
ACTIVITY = "activity"


@dataclass(frozen=True)
class ScoringInput:
    """What a scorer receives beside the recording.

    Attributes
    ----------
    age : float or None
        Years; required by the tests with age-specific norms.
    phases : mapping of str to (start_s, end_s)
        The phases to use, by the protocol's phase names; empty to let the scorer read markers or the curve.
    artifact_method : str
        How the beats were flagged (``"none"``: they carry their flags already).
    options : mapping of str to str
        Test options: ``hrmax_formula``, ``cool_down``, ``beta_blocker`` ("true"/"false"), ``peak_effort``
        ("true"/"false"/"").
    """

    age: float | None = None
    phases: Mapping[str, Span] = field(default_factory=dict)
    artifact_method: ArtifactMethod = "lipponen2019"
    options: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProtocolSpec:
    """One scored test.

    Attributes
    ----------
    kind : str
        Stored key, e.g. ``"exercise-test"``.
    name : str
        Display name.
    noun : str
        How a sentence names it ("an exercise test", "deep breathing").
    needs : {"beats", "heart_rate", "smo2"}
        ``"beats"``: beat-to-beat intervals; ``"heart_rate"``: heart-rate samples are enough (beats are used
        when present); ``"smo2"``: a muscle-oxygen channel.
    needs_age : bool
        Whether its norms depend on age.
    phases : tuple of str
        The phase names a person can give (``--phases rest=0:00-3:00,exercise=…``), in order.
    required : tuple of str
        The phases that must be given when the person gives phases at all.
    findings : tuple of str
        The symbols of its findings.
    score : callable
        ``score(recording, ScoringInput) -> ProtocolResult``.
    """

    kind: str
    name: str
    noun: str
    needs: Needs
    needs_age: bool
    phases: tuple[str, ...]
    required: tuple[str, ...]
    findings: tuple[str, ...]
    score: Callable[[Recording, ScoringInput], ProtocolResult]


def _start(given: ScoringInput, phase: str) -> float | None:
    span = given.phases.get(phase)
    return span[0] if span else None


def _end(given: ScoringInput, phase: str) -> float | None:
    span = given.phases.get(phase)
    return span[1] if span else None


def _age(given: ScoringInput, name: str) -> float:
    if given.age is None:
        raise ValueError(f"{name} needs the person's age")
    return given.age


def _exercise(recording: Recording, given: ScoringInput) -> ProtocolResult:
    options = given.options
    peak = options.get("peak_effort", "")
    return exercise_test(
        recording,
        age=_age(given, "an exercise test"),
        hrmax_formula=options.get("hrmax_formula", "fox"),  # type: ignore[arg-type]  # checked by the scorer
        cool_down=options.get("cool_down") or None,  # type: ignore[arg-type]
        beta_blocker=options.get("beta_blocker", "false") == "true",
        peak_effort=None if peak == "" else peak == "true",
        exercise_start_s=_start(given, "exercise"),
        exercise_end_s=_end(given, "exercise"),
        rest_start_s=_start(given, "rest"),
        recovery_end_s=_end(given, "recovery"),
        artifact_method=given.artifact_method,
    )


def _stand(recording: Recording, given: ScoringInput) -> ProtocolResult:
    return active_stand(
        recording,
        age=_age(given, "an active stand"),
        stand_s=_start(given, "standing"),
        artifact_method=given.artifact_method,
    )


def _breathing(recording: Recording, given: ScoringInput) -> ProtocolResult:
    return deep_breathing(
        recording,
        age=_age(given, "deep breathing"),
        start_s=_start(given, "breathing"),
        artifact_method=given.artifact_method,
    )


def _valsalva(recording: Recording, given: ScoringInput) -> ProtocolResult:
    return valsalva(
        recording,
        strain_start_s=_start(given, "strain"),
        release_s=_end(given, "strain"),
        artifact_method=given.artifact_method,
    )


def _oxygen(recording: Recording, given: ScoringInput) -> ProtocolResult:
    return muscle_oxygen(
        recording, exercise_start_s=_start(given, "exercise"), exercise_end_s=_end(given, "exercise")
    )


def _morning(recording: Recording, given: ScoringInput) -> ProtocolResult:
    span = given.phases.get("reading")
    if span is not None and recording.beats is not None:
        keep = (recording.beats.times_s >= span[0]) & (recording.beats.times_s <= span[1])
        beats = recording.beats
        recording = dataclasses.replace(
            recording, beats=BeatSeries(beats.times_s[keep], beats.rr_ms[keep], beats.flags[keep])
        )
    return morning_reading(recording, artifact_method=given.artifact_method)


_SPECS = (
    ProtocolSpec(
        "morning-reading",
        "Morning reading",
        "a morning reading",
        "beats",
        False,
        ("reading",),
        ("reading",),
        ("resting_hr_bpm", "rmssd_ms", "ln_rmssd", "sdnn_ms", "normal_share"),
        _morning,
    ),
    ProtocolSpec(
        "exercise-test",
        "Exercise test",
        "an exercise test",
        "heart_rate",
        True,
        ("rest", "exercise", "recovery"),
        ("exercise",),
        (
            "resting_hr_bpm",
            "peak_hr_bpm",
            "hrmax_predicted_bpm",
            "chronotropic_reserve_pct",
            *(f"hrr_{mark}s_bpm" for mark in RECOVERY_MARKS_S),
        ),
        _exercise,
    ),
    ProtocolSpec(
        "active-stand",
        "Active stand",
        "an active stand",
        "beats",
        True,
        ("lying", "standing"),
        ("standing",),
        ("supine_hr_bpm", "max_rise_bpm", "ratio_30_15"),
        _stand,
    ),
    ProtocolSpec(
        "deep-breathing",
        "Deep breathing",
        "deep breathing",
        "beats",
        True,
        ("rest", "breathing"),
        ("breathing",),
        ("max_min_hr_bpm", "ei_ratio"),
        _breathing,
    ),
    ProtocolSpec(
        "valsalva",
        "Valsalva manoeuvre",
        "a Valsalva manoeuvre",
        "beats",
        False,
        ("rest", "strain"),
        ("strain",),
        ("valsalva_ratio",),
        _valsalva,
    ),
    ProtocolSpec(
        "muscle-oxygen",
        "Muscle oxygen",
        "a muscle-oxygen test",
        "smo2",
        False,
        ("rest", "exercise", "recovery"),
        ("exercise",),
        ("smo2_rest_pct", "smo2_exercise_mean_pct", "smo2_nadir_pct", "smo2_recovery_half_time_s"),
        _oxygen,
    ),
)

PROTOCOLS: Mapping[str, ProtocolSpec] = MappingProxyType({spec.kind: spec for spec in _SPECS})
KINDS: tuple[str, ...] = (*PROTOCOLS, ACTIVITY)
KIND_NAMES: Mapping[str, str] = MappingProxyType(
    {**{k: s.name for k, s in PROTOCOLS.items()}, ACTIVITY: "Activity"}
)


def has_input(recording: Recording, spec: ProtocolSpec) -> bool:
    """Whether a recording holds what a protocol needs."""
    least = fact("protocols.min_beats").scalar()
    beats = recording.beats is not None and len(recording.beats) >= least
    if spec.needs == "beats":
        return beats
    if spec.needs == "smo2":
        return "smo2" in recording.channels
    channel = recording.channels.get("heart_rate")
    return beats or (channel is not None and int(np.isfinite(channel.values).sum()) >= least)
