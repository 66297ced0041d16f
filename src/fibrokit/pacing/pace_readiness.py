"""Morning readiness: today's values against a rolling personal baseline, every flag named.

For each morning, each factor is compared with the person's own recent mornings (the past 60 days, once 7
are on record): the median and a robust standard deviation (1.4826 × median absolute deviation) give a normal
band of ±2.5 SD. A value outside it is a **flag**, in either direction for ln RMSSD and resting heart rate (a
swing up can mean as much as a swing down), upwards for yesterday's symptoms and downwards for last night's
sleep when the diary has them. No flag: stable; one: watch; two or more: out of balance. A reading of doubtful
quality is not judged: fibrokit asks to repeat it.

Beside the daily flags, the **trend** compares the 7-day average of ln RMSSD with the normal range, the 60-day
mean ± the smallest worthwhile change (0.5 SD), as HRV4Training does: a shift beyond it is real, not noise.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from fibrokit.evidence import fact
from fibrokit.pacing.days import DaySymptoms, Mornings
from fibrokit.records import FloatArray

READINESS_EVIDENCE = (
    "pacing.readiness.baseline_days",
    "pacing.readiness.min_days",
    "pacing.readiness.flag_sd",
    "pacing.readiness.sd_floor",
    "pacing.readiness.trend_days",
    "pacing.readiness.swc_sd",
)
_NOT_ADVICE = (
    "fibrokit informs; it does not diagnose. A flag is a reason to go gently and look, not a verdict."
)


@dataclass(frozen=True)
class FactorFlag:
    """One factor outside its personal normal band."""

    factor: str
    value: float
    low: float
    high: float
    z: float
    sentence: str


@dataclass(frozen=True)
class DayReadiness:
    """Readiness of one morning.

    Attributes
    ----------
    date : date
    level : str
        ``"building baseline"``, ``"repeat reading"``, ``"stable"``, ``"watch"`` or ``"out of balance"``.
    flags : tuple of FactorFlag
        The factors outside their band, each named with its value and band.
    trend : str
        The 7-day average of ln RMSSD against the normal range (``"below"``, ``"within"``, ``"above"`` or ``""``).
    explanation : str
        Plain words: what flagged and why, or why nothing was judged.
    """

    date: dt.date
    level: str
    flags: tuple[FactorFlag, ...]
    trend: str
    explanation: str


@dataclass(frozen=True)
class Readiness:
    """Readiness of every morning, with the settings used and the caution."""

    days: tuple[DayReadiness, ...]
    evidence: tuple[str, ...] = READINESS_EVIDENCE
    caution: str = _NOT_ADVICE

    def flagged_dates(self) -> list[dt.date]:
        """Mornings with at least one flag."""
        return [d.date for d in self.days if d.flags]


def pace_readiness(mornings: Mornings, symptoms: DaySymptoms | None = None) -> Readiness:
    """Judge every morning against the person's own rolling baseline.

    Parameters
    ----------
    mornings : Mornings
        ln RMSSD and resting heart rate per morning (:func:`pace_morning`), with a quality flag.
    symptoms : DaySymptoms, optional
        Diary summaries: yesterday's symptoms and last night's sleep join the factors when present.

    Returns
    -------
    Readiness

    References
    ----------
    HRV4Training, normal values and the smallest worthwhile change (web). Elite HRV, Morning Readiness (web).
    Visible, Morning Stability score (web): a multi-factor flag design.

    Examples
    --------
    >>> import datetime as dt
    >>> import numpy as np
    >>> days = [dt.date(2025, 1, 1) + dt.timedelta(d) for d in range(20)]
    >>> ln = 3.5 + 0.1 * np.sin(np.arange(20)); hr = 62 + np.cos(np.arange(20))
    >>> ln[15], hr[15] = 2.6, 74.0  # a bad night
    >>> r = pace_readiness(Mornings(days, ln, hr))
    >>> r.flagged_dates() == [days[15]], r.days[15].level, [f.factor for f in r.days[15].flags]
    (True, 'out of balance', ['ln RMSSD', 'resting HR'])
    """
    window = dt.timedelta(days=fact("pacing.readiness.baseline_days").scalar())
    results = []
    for i, day in enumerate(mornings.dates):
        prior = np.array([window >= day - d > dt.timedelta(0) for d in mornings.dates]) & mornings.ok
        results.append(_judge(mornings, i, prior, symptoms))
    return Readiness(tuple(results))


def _judge(mornings: Mornings, i: int, prior: np.ndarray, symptoms: DaySymptoms | None) -> DayReadiness:
    day = mornings.dates[i]
    need = int(fact("pacing.readiness.min_days").scalar())
    if int(prior.sum()) < need:
        return DayReadiness(
            day,
            "building baseline",
            (),
            "",
            f"{int(prior.sum())} of {need} mornings needed to build your baseline.",
        )
    floor_ln, floor_hr, floor_score = fact("pacing.readiness.sd_floor").value  # type: ignore[misc]
    flags: list[FactorFlag] = []
    if mornings.ok[i]:
        flags += _flag("ln RMSSD", mornings.ln_rmssd[i], mornings.ln_rmssd[prior], floor_ln, "both", "{:.2f}")
        flags += _flag(
            "resting HR",
            mornings.resting_hr_bpm[i],
            mornings.resting_hr_bpm[prior],
            floor_hr,
            "both",
            "{:.0f} bpm",
        )
    if symptoms is not None:
        flags += _diary_flags(day, mornings, prior, symptoms, floor_score)
    trend = _trend(mornings, i, prior)
    if not mornings.ok[i]:
        text = "This reading was of doubtful quality: please repeat it (sit still, strap moist and snug)."
        return DayReadiness(
            day, "repeat reading", tuple(flags), trend, " ".join([text, *(f.sentence for f in flags)])
        )
    level = ("stable", "watch")[len(flags)] if len(flags) < 2 else "out of balance"
    text = " ".join(f.sentence for f in flags) or "Every factor is within your usual range."
    if trend:
        text += f" Your 7-day HRV average is {trend} your normal range."
    return DayReadiness(day, level, tuple(flags), trend, text)


def _flag(
    name: str, value: float, history: FloatArray, floor: float, direction: str, shown: str
) -> list[FactorFlag]:
    history = history[np.isfinite(history)]
    if not math.isfinite(value) or history.size < int(fact("pacing.readiness.min_days").scalar()):
        return []
    centre = float(np.median(history))
    spread = max(1.4826 * float(np.median(np.abs(history - centre))), floor)
    k = fact("pacing.readiness.flag_sd").scalar()
    low, high = centre - k * spread, centre + k * spread
    z = (value - centre) / spread
    if (z > k and direction in ("both", "high")) or (z < -k and direction in ("both", "low")):
        side = "above" if z > 0 else "below"
        sentence = (
            f"{name} {shown.format(value)} is {side} your usual range "
            f"{shown.format(low).split(' ')[0]}–{shown.format(high)} (median {shown.format(centre)})."
        )
        return [FactorFlag(name, value, low, high, z, sentence)]
    return []


def _diary_flags(
    day: dt.date, mornings: Mornings, prior: np.ndarray, symptoms: DaySymptoms, floor: float
) -> list[FactorFlag]:
    yesterday = day - dt.timedelta(days=1)
    history_days = [d for d, used in zip(mornings.dates, prior, strict=True) if used]
    past_symptoms = np.array([symptoms.on(d - dt.timedelta(days=1))[0] for d in history_days])
    past_sleep = np.array([symptoms.on(d)[1] for d in history_days])
    flags = _flag(
        "yesterday's symptoms", symptoms.on(yesterday)[0], past_symptoms, floor, "high", "{:.0f}/10"
    )
    flags += _flag("last night's sleep", symptoms.on(day)[1], past_sleep, floor, "low", "{:.0f}/10")
    return flags


def _trend(mornings: Mornings, i: int, prior: np.ndarray) -> str:
    days = int(fact("pacing.readiness.trend_days").scalar())
    recent = mornings.ln_rmssd[max(0, i - days + 1) : i + 1][mornings.ok[max(0, i - days + 1) : i + 1]]
    history = mornings.ln_rmssd[prior]
    if recent.size < 3 or history.size < 2 * days:
        return ""
    swc = fact("pacing.readiness.swc_sd").scalar() * float(np.std(history, ddof=1))
    mean = float(np.mean(history))
    average = float(np.mean(recent))
    return "below" if average < mean - swc else "above" if average > mean + swc else "within"
