"""A morning reading taken with a phone's camera: fingertip pulse → pulse intervals → the usual morning reading."""

from __future__ import annotations

import dataclasses
import math

import numpy.typing as npt

from fibrokit.beats import ppg_beats
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols._result import Finding, ProtocolResult
from fibrokit.protocols.morning_reading import morning_reading
from fibrokit.records import Recording


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
    move ln RMSSD by more than ``ppg.max_timing_noise_ln_rmssd``). A usable reading is scored exactly like a
    chest-strap reading (:func:`morning_reading`), with three more findings: the share of clean pulse intervals
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
    recording = Recording(
        beats=found.beats,
        device="phone camera",
        source_format="camera-ppg",
        source_name=source_name,
    )
    result = morning_reading(recording)
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


def _timing_noise_problem(timing_sd_ms: float, rmssd_ms: float, differences: int) -> str:
    """A refusal when the pulse timing's own noise could move ln RMSSD by more than the registry allows.

    Independent timing errors e of sd s per pulse enter each successive difference d as e(k+1) - 2 e(k) + e(k-1),
    of variance 6 s². The measured mean squared difference is then the true one, plus 6 s² on average, plus a
    random cross term 2·mean(d·e) of spread about 2·RMSSD·√6·s/√n. The reading is kept only when that bias
    plus ``ppg.timing_noise_z`` spreads changes ln RMSSD by at most ``ppg.max_timing_noise_ln_rmssd``.
    """
    limit = fact("ppg.max_timing_noise_ln_rmssd").scalar()
    z = fact("ppg.timing_noise_z").scalar()
    if math.isfinite(timing_sd_ms) and math.isfinite(rmssd_ms) and rmssd_ms > 0 and differences > 0:
        spread = 2.0 * rmssd_ms * math.sqrt(6.0) * timing_sd_ms / math.sqrt(differences)
        added = 6.0 * timing_sd_ms**2 + z * spread
        true_squared = max(rmssd_ms**2 - 6.0 * timing_sd_ms**2, 0.0)
        if true_squared > 0 and 0.5 * math.log((true_squared + added) / true_squared) <= limit:
            return ""
    return (
        f"The pulse was too faint or noisy to time each beat precisely enough (about {timing_sd_ms:.0f} ms per "
        "pulse) for this reading's small beat-to-beat changes: cover the lens and the flash completely with "
        "the fingertip, resting it lightly without pressing, keep still, and start again."
    )
