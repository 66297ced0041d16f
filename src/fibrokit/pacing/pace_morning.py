"""One morning reading: ln RMSSD and resting heart rate, with a verdict on its quality."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fibrokit.beats import rr_flag_artifacts
from fibrokit.evidence import fact
from fibrokit.hrv import hrv
from fibrokit.records import BeatSeries


@dataclass(frozen=True)
class MorningReading:
    """The values readiness needs from one morning reading.

    Attributes
    ----------
    ln_rmssd, rmssd_ms, resting_hr_bpm : float
        Vagal HRV (log and raw) and mean heart rate.
    normal_share : float
        Share of normal beats after artefact flagging.
    duration_s : float
        Length of the reading.
    ok : bool
        False when the reading should be repeated.
    problems : tuple of str
        Why it should be repeated, in plain words.
    """

    ln_rmssd: float
    rmssd_ms: float
    resting_hr_bpm: float
    normal_share: float
    duration_s: float
    ok: bool
    problems: tuple[str, ...] = ()


def pace_morning(beats: BeatSeries, *, artifact_method: str = "lipponen2019") -> MorningReading:
    """Analyse a morning reading and say whether to repeat it.

    Artefacts are flagged with ``artifact_method`` (Lipponen & Tarvainen 2019 by default). A reading is asked
    to be repeated when it is shorter than a minute or has fewer than 95 % normal beats (fibrokit conventions,
    ``pacing.readiness.min_duration_s`` and ``pacing.readiness.min_normal_share``): a noisy reading is the main
    reason a morning score is not repeatable.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_rest, typical
    >>> reading = pace_morning(simulate_rest(typical(), duration_s=120, seed=2).recording.beats)
    >>> reading.ok, 3.0 < reading.ln_rmssd < 5.0
    (True, True)
    """
    flagged = rr_flag_artifacts(beats, artifact_method)  # type: ignore[arg-type]
    result = hrv(flagged, domains=("time",), artifact_method=artifact_method)
    problems = []
    min_s = fact("pacing.readiness.min_duration_s").scalar()
    min_share = fact("pacing.readiness.min_normal_share").scalar()
    if beats.duration_s < min_s:
        problems.append(f"the reading lasted {beats.duration_s:.0f} s; at least {min_s:.0f} s are needed")
    if not result.normal_share >= min_share:
        problems.append(
            f"only {result.normal_share:.0%} of beats were clean (at least {min_share:.0%} needed): sit still, "
            "check the strap's contact and moisten its electrodes"
        )
    rmssd = result["rmssd_ms"]
    ln = math.log(rmssd) if rmssd > 0 else float("nan")
    if not math.isfinite(ln):
        problems.append("RMSSD could not be computed")
    return MorningReading(
        ln, rmssd, result["mean_hr_bpm"], result.normal_share, beats.duration_s, not problems, tuple(problems)
    )
