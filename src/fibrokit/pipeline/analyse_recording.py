"""One recording in, everything fibrokit can honestly say about it out: the single analysis pipeline.

The command line, the app and the cohort runner all call :func:`analyse_recording`; none of them chooses a
protocol or flags beats on its own.
"""

from __future__ import annotations

import dataclasses
import math
import re
import warnings
from collections.abc import Mapping

import numpy as np

from fibrokit.beats import rr_flag_artifacts
from fibrokit.errors import FibrokitError, FibrokitWarning, InputError, InsufficientData
from fibrokit.hrv import HrvResult, hrv
from fibrokit.pacing import ActivityReview, pace_review, pace_thresholds
from fibrokit.pipeline._summary import heart_rate_summary
from fibrokit.pipeline._types import AnalysisSettings, Origin, Person, PhaseUsed, RecordingAnalysis
from fibrokit.pipeline.heart_rate_series import heart_rate_series
from fibrokit.protocols import (
    KIND_NAMES,
    KINDS,
    PROTOCOLS,
    ProtocolResult,
    ScoringInput,
    muscle_oxygen,
    recognise_kind,
)
from fibrokit.protocols.hrmax_predicted import hrmax_predicted
from fibrokit.protocols.registry import ACTIVITY, has_input
from fibrokit.records import BeatSeries, Marker, Recording


def analyse_recording(
    recording: Recording, person: Person | None = None, settings: AnalysisSettings | None = None
) -> RecordingAnalysis:
    """Analyse a recording: flag its beats once, judge what it is, score the test only if it is one.

    A test is scored only when the person named it (``settings.kind``), its markers name it, or its heart-rate
    curve fits the test's definition (see :func:`fibrokit.protocols.recognise_kind`); otherwise it is an
    activity with a pacing review, and ``reason`` says in one sentence why and how to give the phases. Beats
    are flagged once with ``settings.artifact_method`` and that same series is handed to HRV and to the
    protocol. Above ``quality.max_flagged_share`` flagged beats, HRV is marked not reliable and a morning
    reading asks for a repeat. Heart-rate samples (no beat-to-beat intervals) give mean and peak heart rate,
    the pacing review and the exercise test; what needs beats says so.

    Parameters
    ----------
    recording : Recording
    person : Person, optional
    settings : AnalysisSettings, optional

    Returns
    -------
    RecordingAnalysis

    Examples
    --------
    >>> from fibrokit import analyse_recording
    >>> from fibrokit.pipeline import Person
    >>> from fibrokit.simulate import simulate_intervals, typical
    >>> result = analyse_recording(simulate_intervals(typical(), seed=1).recording, Person(age=41, resting_hr_bpm=62))
    >>> result.kind, result.scored, result.pacing is not None
    ('activity', False, True)
    """
    person = person or Person()
    settings = settings or AnalysisSettings()
    if settings.kind != "auto" and settings.kind not in KINDS:
        raise InputError(f"the test must be 'auto' or one of {', '.join(KINDS)}, not {settings.kind!r}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FibrokitWarning)
        result = _analyse(recording, person, settings)
    doubts = tuple(str(w.message) for w in caught if issubclass(w.category, FibrokitWarning))
    return dataclasses.replace(result, notes=tuple(dict.fromkeys(result.notes + doubts)))


def _analyse(recording: Recording, person: Person, settings: AnalysisSettings) -> RecordingAnalysis:
    flagged = recording
    if recording.beats is not None and len(recording.beats) >= 10:
        flagged = dataclasses.replace(
            recording, beats=rr_flag_artifacts(recording.beats, settings.artifact_method)
        )
    quality = heart_rate_summary(flagged)
    notes: list[str] = list(quality.notes)
    summary = _hrv(flagged, settings, notes)
    kind, origin, reason = _kind(flagged, settings)
    protocol: ProtocolResult | None = None
    if kind != ACTIVITY:
        protocol, reason = _score(flagged, kind, origin, person, settings)
        if protocol is None:
            kind = ACTIVITY
        elif not quality.hrv_reliable and kind == "morning-reading":
            protocol = dataclasses.replace(protocol, caveats=(*protocol.caveats, _REPEAT))
    pacing = _pacing(flagged, _with_test_rest(person, protocol), notes) if settings.pacing else None
    sensors = (
        _more_sensors(flagged, protocol, notes) if protocol is not None and kind == "muscle-oxygen" else ()
    )
    return RecordingAnalysis(
        kind,
        KIND_NAMES[kind],
        _phases_used(protocol, origin),
        flagged.beats,
        summary,
        protocol,
        reason,
        pacing,
        quality,
        tuple(notes),
        settings,
        sensors,
    )


def _more_sensors(
    recording: Recording, first: ProtocolResult, notes: list[str]
) -> tuple[ProtocolResult, ...]:
    """Muscle oxygen of every further SmO2 sensor (``smo2_2``, ``smo2_3``, …) over the first sensor's phases."""
    exercise = next((m for m in first.phases if m.label == "exercise"), None)
    if exercise is None or exercise.end_s is None:
        return ()
    names = sorted(
        (name for name in recording.channels if re.fullmatch(r"smo2_\d+", name)), key=lambda n: int(n[5:])
    )
    results: list[ProtocolResult] = []
    for name in names:
        try:
            own = muscle_oxygen(
                recording, exercise_start_s=exercise.time_s, exercise_end_s=exercise.end_s, channel=name
            )
        except InsufficientData as error:
            notes.append(f"SmO2 sensor {name[5:]}: {error}")
            continue
        # The phases come from where the first sensor's came from (markers or given), not from this call.
        phases = tuple(dataclasses.replace(m, kind=exercise.kind) for m in own.phases)
        results.append(dataclasses.replace(own, phases=phases))
    return tuple(results)


_REPEAT = (
    "More than 5 % of the beats were flagged as artefacts: please repeat the reading (strap moistened and "
    "snug, sitting or lying still)."
)


def _hrv(recording: Recording, settings: AnalysisSettings, notes: list[str]) -> HrvResult | None:
    beats = recording.beats
    if beats is None or len(beats) < 10:
        return None
    try:
        return hrv(beats, settings=settings.hrv, artifact_method="none")
    except FibrokitError as error:
        notes.append(str(error))
        return None


def _kind(recording: Recording, settings: AnalysisSettings) -> tuple[str, Origin, str]:
    """The kind to score, where its phases come from, and (for an activity) why."""
    if settings.kind != "auto":
        origin: Origin = "given" if settings.phases else _marker_origin(recording)
        return settings.kind, origin, _activity_reason(recording, "") if settings.kind == ACTIVITY else ""
    if settings.phases:
        kind = _kind_from_phases(recording, settings.phases)
        return kind, "given", ""
    found = recognise_kind(recording, "none")
    if found.kind == ACTIVITY:
        return ACTIVITY, found.origin, _activity_reason(recording, found.reason)  # type: ignore[return-value]
    return found.kind, found.origin, ""  # type: ignore[return-value]


def _marker_origin(recording: Recording) -> Origin:
    return "markers" if any(m.kind not in ("event",) for m in recording.markers) else "recognised"


def _kind_from_phases(recording: Recording, phases: Mapping[str, tuple[float, float]]) -> str:
    """The test whose phase names the given ones are (muscle oxygen when the recording has SmO2)."""
    fitting = [k for k, spec in PROTOCOLS.items() if set(phases) <= set(spec.phases)]
    if "muscle-oxygen" in fitting and "smo2" not in recording.channels:
        fitting.remove("muscle-oxygen")
    if len(fitting) != 1 and "exercise-test" in fitting:
        fitting = ["muscle-oxygen" if "smo2" in recording.channels else "exercise-test"]
    if not fitting:
        raise InputError(f"the phases {', '.join(phases)} do not belong to one test: name the test as well")
    return fitting[0]


def _activity_reason(recording: Recording, why: str) -> str:
    name = recording.source_name or "this recording"
    because = f", because {why}" if why else ""
    return (
        f"{name} is analysed as an activity, not scored as a test{because}; if it was a test, name it and give "
        "its phases, e.g. --protocol exercise --phases rest=0:00-3:00,exercise=3:00-15:00,recovery=15:00-25:00."
    )


def _score(
    recording: Recording, kind: str, origin: Origin, person: Person, settings: AnalysisSettings
) -> tuple[ProtocolResult | None, str]:
    spec = PROTOCOLS[kind]
    name = recording.source_name or "this recording"
    if not has_input(recording, spec):
        what = {"beats": "beat-to-beat (RR) intervals", "smo2": "a muscle-oxygen (SmO2) channel"}
        needed = what.get(spec.needs, "heart rate")
        return None, f"{name}: {spec.name.lower()} needs {needed}, which this recording does not hold."
    if spec.needs_age and person.age is None:
        return (
            None,
            f"{name}: {spec.name.lower()} is compared with age-specific norms: give your age to score it.",
        )
    scoring = ScoringInput(
        person.age,
        settings.phases if origin == "given" else {},
        "none",
        {
            "hrmax_formula": settings.hrmax_formula,
            "cool_down": settings.cool_down or "",
            "beta_blocker": str(settings.beta_blocker).lower(),
            "peak_effort": "" if settings.peak_effort is None else str(settings.peak_effort).lower(),
        },
    )
    try:
        result = spec.score(recording, scoring)
    except (InsufficientData, InputError) as error:
        return None, f"{name}: not scored as {spec.noun}: {_without_name(str(error), name)}"
    marked = {**result.settings, "artifact_method": result.settings.get("artifact_method", "")}
    if marked.get("artifact_method") == "none":
        marked["artifact_method"] = settings.artifact_method
    return dataclasses.replace(result, settings=marked), ""


def _without_name(message: str, name: str) -> str:
    return message[len(name) + 2 :] if message.startswith(f"{name}: ") else message


def _phases_used(protocol: ProtocolResult | None, origin: Origin) -> tuple[PhaseUsed, ...]:
    if protocol is None:
        return ()
    return tuple(_phase(marker, origin) for marker in protocol.phases)


def _phase(marker: Marker, origin: Origin) -> PhaseUsed:
    own = marker.kind.removeprefix("phase (").removesuffix(")")
    used: Origin = "given" if own == "given" else "markers" if own == "markers" else origin
    if own == "detected" and origin != "given":
        used = "recognised"
    return PhaseUsed(marker.label, float(marker.time_s), marker.end_s, used)


def _pacing(recording: Recording, person: Person, notes: list[str]) -> ActivityReview | None:
    series = _series_for_pacing(recording)
    if series is None:
        return None
    lines = person.thresholds
    if lines is None:
        try:
            lines = pace_thresholds(person.resting_hr_bpm, person.age)
        except ValueError:
            notes.append("Pacing zones need your resting heart rate or your age (or lines set by hand).")
            return None
    try:
        return pace_review(
            series,
            lines,
            hrmax_bpm=None if person.age is None else hrmax_predicted(person.age, "fox"),
            resting_hr_bpm=person.resting_hr_bpm,
            sex=person.sex,
        )
    except InsufficientData as error:
        notes.append(str(error))
        return None


def _with_test_rest(person: Person, protocol: ProtocolResult | None) -> Person:
    """The person, with the resting heart rate of the exercise test just scored when none was given."""
    if person.resting_hr_bpm is not None or protocol is None or protocol.protocol != "exercise-test":
        return person
    rest = protocol["resting_hr_bpm"]
    return dataclasses.replace(person, resting_hr_bpm=rest) if math.isfinite(rest) else person


def _series_for_pacing(recording: Recording) -> BeatSeries | None:
    series = heart_rate_series(recording)
    if series is None or int(np.count_nonzero(series.normal)) < 10:
        return None
    return series
