"""A morning reading taken with a phone's camera: fingertip pulse → pulse intervals → the usual morning reading."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import numpy.typing as npt

from fibrokit.beats import classify_pulse_intervals, ppg_beats
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols._ppg_uncertainty import _DIFFERENCE_VARIANCE, reading_uncertainty
from fibrokit.protocols._result import Finding, ProtocolResult
from fibrokit.protocols.morning_reading import morning_reading
from fibrokit.records import BeatFlag, BeatSeries, Recording


def ppg_reading(
    times_s: npt.ArrayLike,
    red: npt.ArrayLike,
    green: npt.ArrayLike | None = None,
    *,
    source_name: str = "camera reading",
) -> ProtocolResult:
    """Score a morning reading from a fingertip-camera series, or refuse it in one sentence.

    The pulses are found and checked by :func:`fibrokit.beats.ppg_beats`; a reading with no finger, an over-
    or underexposed picture, too slow a camera, or too few clean pulses is refused, and so is one whose pulses
    are timed too imprecisely for its own beat-to-beat changes (the timing noise measured in the frames could
    move ln RMSSD by more than ``ppg.max_timing_noise_ln_rmssd``), and one where movement hid a stretch whose
    pace, judged by the beats around it, would move the heart rate by more than ``ppg.max_hole_hr_bias_bpm``.
    Last, the timing noise and the intervals near a threshold of the artefact classification (which a chest strap
    could classify otherwise; found by re-timing the pulses and classifying again) are weighed together
    (:func:`fibrokit.protocols._ppg_uncertainty.reading_uncertainty`): a reading they could carry more than
    ``ppg.max_reading_uncertainty_ln_rmssd`` in ln RMSSD or ``ppg.max_reading_uncertainty_hr_bpm`` in heart
    rate from a strap's reading of the same minutes is refused. A usable reading is
    classified like a chest-strap reading, with the intervals the camera set aside bridged
    (:func:`fibrokit.beats.classify_pulse_intervals`), and scored by :func:`morning_reading`, with three more
    findings: the share of clean pulse intervals
    (the reading's quality), the camera's frame rate and the timing uncertainty of one pulse.

    Pulse intervals from a fingertip are not RR intervals from an ECG: the pulse's travel time varies a little
    from beat to beat. In healthy adults lying still, camera RMSSD agreed closely with ECG (Plews et al. 2017);
    with movement or poor contact it does not, which is why such readings are refused.

    Raises
    ------
    InsufficientData
        With a message naming the source and saying what went wrong and what to do.

    Examples
    --------
    >>> from fibrokit.simulate.simulate_ppg_video import simulate_ppg_video
    >>> video = simulate_ppg_video([1000.0, 960.0, 1040.0] * 30, seed=3)
    >>> result = ppg_reading(video.times_s, video.red, video.green)
    >>> round(result["resting_hr_bpm"]), result.settings["source"]
    (60, 'camera')
    """
    found = ppg_beats(times_s, red, green)
    if found.problem:
        raise InsufficientData(f"{source_name}: {found.problem}")
    beats = classify_pulse_intervals(found.beats)
    recording = Recording(
        beats=beats,
        device="phone camera",
        source_format="camera-ppg",
        source_name=source_name,
    )
    result = morning_reading(recording, artifact_method="none")
    minimum = fact("protocols.reading_quality_min_normal").scalar()
    if result.hrv is not None and result.hrv.normal_share < fact("ppg.min_clean_share").scalar():
        raise InsufficientData(
            f"{source_name}: only {100 * result.hrv.normal_share:.0f} % of pulse intervals were regular enough "
            "to use, most likely from movement: sit or lie still with the hand resting, and start again."
        )
    noise_problem = _timing_noise_problem(
        found.timing_sd_ms, result["rmssd_ms"], int(found.beats.normal.sum())
    )
    if noise_problem:
        raise InsufficientData(f"{source_name}: {noise_problem}")
    hole_bias = _hole_hr_bias_bpm(found.beats, beats)
    if hole_bias > fact("ppg.max_hole_hr_bias_bpm").scalar():
        raise InsufficientData(
            f"{source_name}: movement hid a stretch of the reading in which the pulse ran at another pace "
            "than in the rest, so the reading's heart rate would be off: sit or lie still with the hand resting, "
            "and start again."
        )
    uncertainty = reading_uncertainty(found, beats, result["rmssd_ms"])
    if (
        uncertainty.ln_rmssd > fact("ppg.max_reading_uncertainty_ln_rmssd").scalar()
        or hole_bias + uncertainty.hr_bpm > fact("ppg.max_reading_uncertainty_hr_bpm").scalar()
    ):
        raise InsufficientData(
            f"{source_name}: some beats lay so near the line between a regular and an irregular beat that a "
            "chest strap could have judged them otherwise, which with the pulse's own timing noise could put "
            "the reading more than 10 % off: rest the fingertip lightly, keep still, and start again (if this "
            "keeps happening, a chest strap gives a dependable reading)."
        )
    findings = (
        *result.findings,
        Finding("ppg_clean_share", "Clean pulse intervals", found.clean_share, ""),
        Finding("ppg_frame_rate_hz", "Camera frame rate", found.frame_rate_hz, "Hz"),
        Finding("ppg_timing_sd_ms", "Pulse timing uncertainty", found.timing_sd_ms, "ms"),
    )
    caveats = list(result.caveats)
    if found.clean_share < minimum:
        caveats.append(
            f"{100 * (1 - found.clean_share):.0f} % of pulse intervals were set aside for movement or distorted "
            "pulses; the values rest on the rest."
        )
    return dataclasses.replace(
        result,
        findings=findings,
        caveats=tuple(caveats),
        settings={**result.settings, "source": "camera", "quality": f"{found.clean_share:.2f}"},
    )


def _timing_noise_effect(timing_sd_ms: float, rmssd_ms: float, differences: int) -> float:
    """How far the pulse timing's own noise could plausibly move ln RMSSD (infinite when it cannot be told).

    Independent timing errors e of sd s per pulse enter each successive difference d as e(k+1) - 2 e(k) + e(k-1),
    of variance 6 s². The measured mean squared difference is then the true one, plus 6 s² on average, plus a
    random cross term 2·mean(d·e) of spread about 2·RMSSD·√6·s/√n. The effect is that bias plus
    ``ppg.timing_noise_z`` spreads, as a change of ln RMSSD.

    This is a first screen, with its own advice (cover lens and flash fully, keep still). Its spread
    holds for beat-to-beat changes in random order; the final check against the 0.1 bound
    (:func:`fibrokit.protocols._ppg_uncertainty.timing_effect`) takes the reading's own order into account,
    which makes the spread up to 1.6 times larger when the changes alternate in sign.
    """
    z = fact("ppg.timing_noise_z").scalar()
    if math.isfinite(timing_sd_ms) and math.isfinite(rmssd_ms) and rmssd_ms > 0 and differences > 0:
        spread = 2.0 * rmssd_ms * math.sqrt(_DIFFERENCE_VARIANCE) * timing_sd_ms / math.sqrt(differences)
        added = _DIFFERENCE_VARIANCE * timing_sd_ms**2 + z * spread
        true_squared = max(rmssd_ms**2 - _DIFFERENCE_VARIANCE * timing_sd_ms**2, 0.0)
        if true_squared > 0:
            return 0.5 * math.log((true_squared + added) / true_squared)
    return math.inf


def _timing_noise_problem(timing_sd_ms: float, rmssd_ms: float, differences: int) -> str:
    """A refusal when the timing noise could move ln RMSSD by more than ``ppg.max_timing_noise_ln_rmssd``."""
    if (
        _timing_noise_effect(timing_sd_ms, rmssd_ms, differences)
        <= fact("ppg.max_timing_noise_ln_rmssd").scalar()
    ):
        return ""
    return (
        f"The pulse was too faint or noisy to time each beat precisely enough (about {timing_sd_ms:.0f} ms per "
        "pulse) for this reading's small beat-to-beat changes: cover the lens and the flash completely with "
        "the fingertip, resting it lightly without pressing, keep still, and start again."
    )


def _hole_hr_bias_bpm(raw: BeatSeries, classified: BeatSeries) -> float:
    """How far the stretches the camera set aside could move the heart rate, judged by the beats around them.

    A chest strap would count the beats inside a stretch of movement; the camera leaves the stretch out. Each
    run of intervals the camera set aside is assumed to beat at the pace of the ``ppg.hole_edge_beats`` kept
    intervals on either side of it, and the heart rate of the whole reading with those beats put back is
    compared with the reading's own. Returns the difference in beats per minute.
    """
    kept = classified.normal
    if not kept.any():
        return 0.0
    edge = int(fact("ppg.hole_edge_beats").scalar())
    rr = classified.rr_ms
    aside = raw.flags != BeatFlag.NORMAL
    total_ms, count = float(rr[kept].sum()), float(kept.sum())
    own = 60_000.0 * count / total_ms
    starts = np.flatnonzero(aside & ~np.concatenate(([False], aside[:-1])))
    for start in starts:
        end = start
        while end + 1 < aside.size and aside[end + 1]:
            end += 1
        before = np.flatnonzero(kept[:start])[-edge:]
        after = end + 1 + np.flatnonzero(kept[end + 1 :])[:edge]
        around = rr[np.concatenate((before, after))]
        if around.size:
            hole_ms = float(rr[start : end + 1].sum())
            total_ms += hole_ms
            count += hole_ms / float(around.mean())
    return abs(60_000.0 * count / total_ms - own)
