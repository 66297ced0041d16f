"""Paced deep breathing: the heart-rate difference and the E/I ratio over the breathing cycles."""

from __future__ import annotations

import math

import numpy as np

from fibrokit.beats import rr_flag_artifacts
from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols import _hr
from fibrokit.protocols._result import Finding, Norm, ProtocolResult, banded
from fibrokit.records import BeatSeries, Recording


def deep_breathing(
    recording: Recording,
    *,
    age: float,
    start_s: float | None = None,
    breaths_per_min: float | None = None,
    cycles: int | None = None,
    artifact_method: ArtifactMethod = "lipponen2019",
) -> ProtocolResult:
    """Score paced deep breathing (six breaths a minute, each cycle starting with a breath in).

    The breathing start comes from a ``deep-breathing`` marker, from ``start_s``, or from the heart-rate
    curve (the 60-s stretch with the widest oscillation at the breathing rate). The breathing is cut into
    cycles of ``60 / breaths_per_min`` seconds from its start; in each, the longest and shortest RR intervals
    give the expiration/inspiration (E/I) ratio and the heart-rate difference (maximum − minimum). Values are
    averaged over the complete cycles. ``artifact_method`` says how beats are checked for artefacts
    (``"none"`` keeps the flags they carry).

    Returns
    -------
    ProtocolResult
        Findings ``max_min_hr_bpm`` (Ewing bands) and ``ei_ratio`` (age-specific lower limit).

    Examples
    --------
    >>> from fibrokit.protocols import deep_breathing
    >>> from fibrokit.simulate import simulate_deep_breathing, typical
    >>> result = deep_breathing(simulate_deep_breathing(typical(), seed=3).recording, age=41)
    >>> result.finding("ei_ratio").category
    'normal'
    """
    rate = breaths_per_min or fact("protocols.deep_breathing.rate_per_min").scalar()
    cycle = 60.0 / rate
    beats = rr_flag_artifacts(_hr.usable_beats(recording, "deep breathing"), artifact_method)
    start, source = _start(recording, beats, start_s, cycle)
    available = int((float(beats.times_s[-1]) - start) // cycle)
    count = min(cycles or available, available)
    least = fact("protocols.deep_breathing.cycles").scalar()
    if count < least:
        raise InsufficientData(
            f"{recording.source_name}: fewer than {least:.0f} complete breathing cycles after {start:.0f} s"
        )
    longest, shortest, spans = _cycles(beats, start, cycle, count)
    ei = float(np.mean(longest) / np.mean(shortest))
    difference = float(np.mean(spans))
    findings = (_difference_finding(difference), _ei_finding(ei, age))
    caveats = ("The breathing was found on the heart-rate curve.",) if source == "detected" else ()
    spans_out = [("deep breathing", start, start + count * cycle)]
    summary = (
        f"Over {count} breaths at {rate:g} a minute, heart rate swung by {difference:.0f} bpm on average "
        f"(E/I ratio {ei:.2f}).",
        "This swing is carried by the vagus nerve; it narrows with age and is smaller in many people with "
        "fibromyalgia. It describes this test; it is not a diagnosis.",
    )
    return ProtocolResult(
        "deep-breathing",
        findings,
        _hr.phase_markers(spans_out, source),
        caveats,
        summary,
        {"breaths_per_min": f"{rate:g}", "cycles": str(count)},
        curve=_hr.curve_1hz(beats),
    )


def _start(recording: Recording, beats: BeatSeries, given: float | None, cycle: float) -> tuple[float, str]:
    if given is not None:
        return given, "given"
    marked = _hr.marker_start(recording, ("deep-breathing", "deep breathing", "breathing"))
    if marked is not None:
        return marked, "markers"
    times, hr = _hr.rate(beats)
    # The minute in which heart rate swings most, measured as the spread of the instantaneous rate.
    starts = np.arange(times[0], max(times[-1] - 60.0, times[0] + 1.0), cycle / 4)
    lo = np.searchsorted(times, starts)
    hi = np.searchsorted(times, starts + 60.0)
    spread = [float(np.ptp(hr[a:b])) if b > a else 0.0 for a, b in zip(lo, hi, strict=True)]
    return float(starts[int(np.argmax(spread))]), "detected"


def _cycles(
    beats: BeatSeries, start: float, cycle: float, count: int
) -> tuple[list[float], list[float], list[float]]:
    times = beats.times_s
    longest, shortest, spans = [], [], []
    for k in range(count):
        inside = (times >= start + k * cycle) & (times < start + (k + 1) * cycle) & beats.normal
        rr = beats.rr_ms[inside]
        if rr.size < 2:
            continue
        longest.append(float(rr.max()))
        shortest.append(float(rr.min()))
        spans.append(60_000.0 / rr.min() - 60_000.0 / rr.max())
    return longest, shortest, spans


def _difference_finding(difference: float) -> Finding:
    normal_at, abnormal_at = fact("protocols.ewing.deep_breathing_bpm").pair()
    norm = Norm(
        f"≥ {normal_at:g} bpm normal, ≤ {abnormal_at:g} abnormal (Ewing battery)",
        ("protocols.ewing.deep_breathing_bpm",),
    )
    return Finding(
        "max_min_hr_bpm",
        "Heart-rate difference (max − min)",
        difference,
        "bpm",
        banded(difference, normal_at, abnormal_at),
        (norm,),
    )


def _ei_finding(ei: float, age: float) -> Finding:
    table = fact("protocols.ei_ratio.lower_limit_by_age").value
    assert isinstance(table, tuple)
    ages, limits = np.array(table[0::2]), np.array(table[1::2])
    band = int(np.searchsorted(ages, age, side="right")) - 1
    if band < 0 or age > ages[-1] + (ages[1] - ages[0]):
        return Finding(
            "ei_ratio",
            "E/I ratio",
            ei,
            "",
            None,
            (
                Norm(
                    "no age-specific limit is tabulated for this age",
                    ("protocols.ei_ratio.lower_limit_by_age",),
                ),
            ),
        )
    limit = float(limits[band])
    norm = Norm(
        f"lower limit of normal {limit:.2f} for ages {ages[band]:g}-{ages[band] + 4:g}",
        ("protocols.ei_ratio.lower_limit_by_age",),
    )
    category = None if not math.isfinite(ei) else "normal" if ei >= limit else "abnormal"
    return Finding("ei_ratio", "E/I ratio", ei, "", category, (norm,))
