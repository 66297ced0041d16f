"""The morning reading: a short resting recording scored for heart rate, HRV and its own quality."""

from __future__ import annotations

import math

from fibrokit.beats import rr_flag_artifacts
from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.hrv import hrv
from fibrokit.protocols import _hr
from fibrokit.protocols._result import Finding, Norm, ProtocolResult
from fibrokit.records import Recording


def morning_reading(
    recording: Recording, *, artifact_method: ArtifactMethod = "lipponen2019"
) -> ProtocolResult:
    """Score a morning resting reading: resting heart rate, ln RMSSD and the full short-term HRV set.

    The reading's quality is checked: at least a minute of beats (the Task Force minimum for HF power) and at
    least 95 % normal beats; otherwise the result asks for a repeat. Values are shown beside the short-term
    norms of healthy adults (Nunan et al. 2010) as context only; a personal baseline (see the pacing tools)
    is the better comparison. ``artifact_method`` says how beats are checked for artefacts (``"none"`` keeps
    the flags they carry).

    Returns
    -------
    ProtocolResult
        Findings ``resting_hr_bpm``, ``rmssd_ms``, ``ln_rmssd``, ``sdnn_ms`` and ``normal_share``; the whole
        HRV result in ``result.hrv``.

    Examples
    --------
    >>> from fibrokit.protocols import morning_reading
    >>> from fibrokit.simulate import simulate_rest, typical
    >>> result = morning_reading(simulate_rest(typical(), seed=1).recording)
    >>> result.caveats
    ()
    """
    beats = rr_flag_artifacts(_hr.usable_beats(recording, "a morning reading"), artifact_method)
    result = hrv(beats, artifact_method="none")
    duration = beats.duration_s
    caveats = []
    minimum = fact("hrv.min_duration.hf_s").scalar()
    if duration < minimum:
        raise InsufficientData(
            f"{recording.source_name}: the reading lasts {duration:.0f} s; at least "
            f"{minimum:.0f} s are needed"
        )
    quality = fact("protocols.reading_quality_min_normal").scalar()
    if result.normal_share < quality:
        caveats.append(
            f"Only {100 * result.normal_share:.0f} % of beats were clean (below {100 * quality:.0f} %): "
            "please repeat the reading, sitting or lying still, strap moistened."
        )
    nn_mean, nn_sd = fact("hrv.norm.short_term.mean_nn_ms").pair()
    rmssd_mean, rmssd_sd = fact("hrv.norm.short_term.rmssd_ms").pair()
    findings = (
        Finding(
            "resting_hr_bpm",
            "Resting heart rate",
            result["mean_hr_bpm"],
            "bpm",
            "context",
            (
                Norm(
                    f"healthy adults at rest: mean RR {nn_mean:g} ± {nn_sd:g} ms (about {60000 / nn_mean:.0f} bpm)",
                    ("hrv.norm.short_term.mean_nn_ms",),
                ),
            ),
        ),
        Finding(
            "rmssd_ms",
            "RMSSD",
            result["rmssd_ms"],
            "ms",
            "context",
            (
                Norm(
                    f"healthy adults, short-term: {rmssd_mean:g} ± {rmssd_sd:g} ms",
                    ("hrv.norm.short_term.rmssd_ms",),
                ),
            ),
        ),
        Finding("ln_rmssd", "ln RMSSD", result["ln_rmssd"], "ln(ms)"),
        Finding("sdnn_ms", "SDNN", result["sdnn_ms"], "ms"),
        Finding("normal_share", "Clean beats", result.normal_share, ""),
    )
    summary = [
        f"Resting heart rate {result['mean_hr_bpm']:.0f} bpm; RMSSD {result['rmssd_ms']:.0f} ms "
        f"(ln RMSSD {result['ln_rmssd']:.2f}) over {duration / 60:.1f} minutes."
    ]
    if math.isfinite(result["rmssd_ms"]):
        summary.append(
            "RMSSD reflects vagal activity; compare it first with your own usual mornings. Group "
            "averages differ widely between studies and are not a diagnosis."
        )
    return ProtocolResult(
        "morning-reading",
        findings,
        caveats=tuple(caveats),
        summary=tuple(summary),
        settings={"artifact_method": artifact_method},
        hrv=result,
        curve=_hr.curve_1hz(beats),
    )
