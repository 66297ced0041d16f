"""The active stand: heart rate minute by minute after standing up, the 30:15 ratio, and blood pressure."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from fibrokit.beats import rr_flag_artifacts
from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols import _hr
from fibrokit.protocols._result import Finding, Norm, ProtocolResult, banded
from fibrokit.records import BeatFlag, BeatSeries, Recording


@dataclass(frozen=True)
class BloodPressure:
    """A blood-pressure reading the person entered, ``seconds_standing`` after standing (negative: lying)."""

    seconds_standing: float
    systolic_mmhg: float
    diastolic_mmhg: float


def active_stand(
    recording: Recording,
    *,
    age: float,
    stand_s: float | None = None,
    blood_pressure: tuple[BloodPressure, ...] = (),
    artifact_method: ArtifactMethod = "lipponen2019",
) -> ProtocolResult:
    """Score an active stand test (lying quietly, then standing up and staying still).

    The moment of standing comes from a ``standing`` (or ``stand``) marker, from ``stand_s``, or from the
    heart-rate curve (the steepest sustained rise). Heart rate is compared minute by minute with the last
    minute lying; the 30:15 ratio is the longest RR among beats 20-40 after standing over the shortest among
    beats 5-25 (Ewing). Blood-pressure readings, when given, are checked for orthostatic hypotension by the
    consensus definition (Freeman 2011) and by Ewing's band at 2 minutes, each named.

    Parameters
    ----------
    recording : Recording
        With beats, from at least a minute lying to at least 3 minutes standing.
    age : float
        Years; the postural tachycardia criterion is 40 bpm at ages 12-19 and 30 bpm above.
    stand_s : float, optional
        Time of standing up, overriding markers and detection.
    blood_pressure : tuple of BloodPressure
        Optional readings: one lying (negative time) and some standing.
    artifact_method : str
        How beats are checked for artefacts (:func:`fibrokit.beats.rr_flag_artifacts`); ``"none"`` keeps the
        flags the beats already carry (the analysis pipeline flags once and hands them on).

    Returns
    -------
    ProtocolResult
        Findings ``supine_hr_bpm``, ``hr_rise_min{k}_bpm`` per minute standing, ``max_rise_bpm`` with the
        postural tachycardia heart-rate criterion, ``ratio_30_15``, and blood-pressure falls when given.

    Examples
    --------
    >>> from fibrokit.protocols import active_stand
    >>> from fibrokit.simulate import simulate_stand, typical
    >>> result = active_stand(simulate_stand(typical(), seed=2).recording, age=41)
    >>> result.finding("max_rise_bpm").category
    'does not meet criterion'
    """
    beats = rr_flag_artifacts(_hr.usable_beats(recording, "an active stand"), artifact_method)
    stand, source = _stand_moment(recording, beats, stand_s)
    lying = fact("protocols.rest_window_s").scalar()
    if stand - beats.times_s[0] < lying / 2:
        raise InsufficientData(f"{recording.source_name}: less than 30 s of lying before standing up")
    standing = float(beats.times_s[-1]) - stand
    needed = fact("protocols.min_stand_s").scalar()
    if standing < needed:
        raise InsufficientData(
            f"{recording.source_name}: only {standing:.0f} s of standing were recorded; an active "
            f"stand needs at least {needed:.0f} s (ideally 10 minutes)"
        )
    baseline = _hr.mean_hr(beats, stand - lying, stand)
    rises = [
        _hr.mean_hr(beats, stand + 60.0 * (k - 1), stand + 60.0 * k) - baseline
        for k in range(1, int(min(fact("protocols.pots.within_s").scalar(), standing) // 60) + 1)
    ]
    findings = [Finding("supine_hr_bpm", "Heart rate lying", baseline, "bpm")]
    findings += [
        Finding(f"hr_rise_min{k}_bpm", f"Heart-rate rise, minute {k}", rise, "bpm")
        for k, rise in enumerate(rises, start=1)
    ]
    findings.append(_pots_finding(max(rises), age))
    findings.append(_ratio_finding(beats, stand))
    findings += _pressure_findings(blood_pressure)
    caveats: tuple[str, ...] = (
        ("The moment of standing was found on the heart-rate curve.",) if source == "detected" else ()
    )
    window = fact("protocols.pots.within_s").scalar()
    if standing < window:
        caveats += (
            f"Only {standing / 60:.0f} minutes standing: the heart-rate criterion counts up to "
            f"{window / 60:.0f}.",
        )
    spans = [("lying", stand - lying, stand), ("standing", stand, float(beats.times_s[-1]))]
    return ProtocolResult(
        "active-stand",
        tuple(findings),
        _hr.phase_markers(spans, source),
        caveats,
        _summary(baseline, max(rises), findings),
        {"artifact_method": artifact_method},
        curve=_hr.curve_1hz(beats),
    )


def _stand_moment(recording: Recording, beats: BeatSeries, given: float | None) -> tuple[float, str]:
    if given is not None:
        return given, "given"
    marked = _hr.marker_start(recording, ("standing", "stand"))
    if marked is not None:
        return marked, "markers"
    times, smooth = _hr.smoothed(beats)
    # The steepest 15-s rise of the smoothed heart rate; standing up begins a few seconds before its middle.
    ahead = np.interp(times + fact("protocols.detect.stand_rise_s").scalar(), times, smooth)
    jump = int(np.argmax(ahead - smooth))
    return float(times[jump]), "detected"


def _ratio_finding(beats: BeatSeries, stand: float) -> Finding:
    first15, last15 = (int(v) for v in fact("protocols.ewing.beats_15").pair())
    first30, last30 = (int(v) for v in fact("protocols.ewing.beats_30").pair())
    after = beats.times_s > stand
    rr = beats.rr_ms[after]
    normal = beats.flags[after] == BeatFlag.NORMAL
    value = float("nan")
    if rr.size >= last30:
        shortest = rr[first15 - 1 : last15][normal[first15 - 1 : last15]]
        longest = rr[first30 - 1 : last30][normal[first30 - 1 : last30]]
        if shortest.size and longest.size:
            value = float(longest.max() / shortest.min())
    normal_at, abnormal_at = fact("protocols.ewing.ratio_30_15").pair()
    norm = Norm(
        f"≥ {normal_at:g} normal, ≤ {abnormal_at:g} abnormal (Ewing battery)",
        ("protocols.ewing.ratio_30_15",),
    )
    return Finding("ratio_30_15", "30:15 ratio", value, "", banded(value, normal_at, abnormal_at), (norm,))


def _pots_finding(max_rise: float, age: float) -> Finding:
    adult, adolescent = fact("protocols.pots.hr_rise_bpm").pair()
    young_from, young_to = fact("protocols.pots.adolescent_age").pair()
    limit = adolescent if young_from <= age <= young_to else adult
    norm = Norm(
        f"a sustained rise of {limit:g} bpm or more within 10 minutes meets the postural tachycardia "
        "heart-rate criterion (the criterion alone is not the syndrome)",
        ("protocols.pots.hr_rise_bpm", "protocols.pots.within_s"),
    )
    category = "meets criterion" if max_rise >= limit else "does not meet criterion"
    return Finding("max_rise_bpm", "Largest minute-mean rise", max_rise, "bpm", category, (norm,))


def _pressure_findings(readings: tuple[BloodPressure, ...]) -> list[Finding]:
    lying = [r for r in readings if r.seconds_standing < 0]
    window = fact("protocols.orthostatic_hypotension_within_s").scalar()
    early = [r for r in readings if 0 <= r.seconds_standing <= window]
    if not lying or not early:
        return []
    base = lying[-1]
    sbp_fall = max(base.systolic_mmhg - r.systolic_mmhg for r in early)
    dbp_fall = max(base.diastolic_mmhg - r.diastolic_mmhg for r in early)
    sbp_limit, dbp_limit = fact("protocols.orthostatic_hypotension_mmhg").pair()
    consensus = Norm(
        f"a fall of ≥ {sbp_limit:g} systolic or ≥ {dbp_limit:g} diastolic within 3 minutes "
        "(consensus definition of orthostatic hypotension)",
        ("protocols.orthostatic_hypotension_mmhg", "protocols.orthostatic_hypotension_within_s"),
    )
    meets = sbp_fall >= sbp_limit or dbp_fall >= dbp_limit
    findings = [
        Finding(
            "sbp_fall_mmhg",
            "Systolic fall (3 min)",
            sbp_fall,
            "mmHg",
            "meets criterion" if meets else "does not meet criterion",
            (consensus,),
        ),
        Finding("dbp_fall_mmhg", "Diastolic fall (3 min)", dbp_fall, "mmHg"),
    ]
    first, last = fact("protocols.ewing.sbp_reading_window_s").pair()
    at_two = [r for r in readings if first <= r.seconds_standing <= last]
    if at_two:
        fall = base.systolic_mmhg - at_two[0].systolic_mmhg
        normal_at, abnormal_at = fact("protocols.ewing.sbp_fall_mmhg").pair()
        category = "normal" if fall <= normal_at else "abnormal" if fall >= abnormal_at else "borderline"
        findings.append(
            Finding(
                "sbp_fall_2min_mmhg",
                "Systolic fall at 2 min (Ewing)",
                fall,
                "mmHg",
                category,
                (
                    Norm(
                        f"≤ {normal_at:g} normal, ≥ {abnormal_at:g} abnormal (Ewing battery)",
                        ("protocols.ewing.sbp_fall_mmhg",),
                    ),
                ),
            )
        )
    return findings


def _summary(baseline: float, max_rise: float, findings: list[Finding]) -> tuple[str, ...]:
    ratio = next(f for f in findings if f.symbol == "ratio_30_15").value
    lines = [
        f"Lying, heart rate averaged {baseline:.0f} bpm; standing, it rose by up to {max_rise:.0f} bpm "
        "(minute averages)."
    ]
    if math.isfinite(ratio):
        lines.append(
            f"The 30:15 ratio, the slowing about 30 beats after standing relative to the fastest beats "
            f"around beat 15, was {ratio:.2f}."
        )
    lines.append(
        "A heart-rate criterion describes this test only; postural tachycardia syndrome also needs "
        "symptoms and other causes ruled out by a clinician."
    )
    return tuple(lines)
