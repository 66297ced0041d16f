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


def pace_readiness(
    mornings: Mornings, symptoms: DaySymptoms | None = None, *, since: dt.date | None = None
) -> Readiness:
    """Judge every morning against the person's own rolling baseline.

    Parameters
    ----------
    mornings : Mornings
        ln RMSSD and resting heart rate per morning (:func:`pace_morning`), with a quality flag.
    symptoms : DaySymptoms, optional
        Diary summaries: yesterday's symptoms and last night's sleep join the factors when present.
    since : date, optional
        Judge only the mornings from this day on; earlier ones serve as their baseline only (when a stored
        verdict is redone after a change, the mornings before it need no new verdict).

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
    window = int(fact("pacing.readiness.baseline_days").scalar())
    ordinals = np.array([day.toordinal() for day in mornings.dates], dtype=np.int64)
    diary = _DiaryByMorning.of(mornings, symptoms) if symptoms is not None else None
    results = []
    first = since.toordinal() if since is not None else 0  # 0: before every date, so every morning
    for i in np.flatnonzero(ordinals >= first):
        before = ordinals[i] - ordinals
        prior = (before > 0) & (before <= window) & mornings.ok
        results.append(_judge(mornings, int(i), prior, diary))
    return Readiness(tuple(results))


@dataclass(frozen=True)
class _DiaryByMorning:
    """The diary lined up with the mornings: the day before each (symptoms) and each one's own night (sleep)."""

    yesterday: FloatArray
    night: FloatArray

    @classmethod
    def of(cls, mornings: Mornings, symptoms: DaySymptoms) -> _DiaryByMorning:
        before = [symptoms.on(day - dt.timedelta(days=1))[0] for day in mornings.dates]
        night = [symptoms.on(day)[1] for day in mornings.dates]
        return cls(np.array(before, dtype=float), np.array(night, dtype=float))


def _judge(mornings: Mornings, i: int, prior: np.ndarray, diary: _DiaryByMorning | None) -> DayReadiness:
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
    if diary is not None:
        flags += _diary_flags(i, prior, diary, floor_score)
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
    centre = _middle(history)
    spread = max(1.4826 * _middle(np.abs(history - centre)), floor)
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


def _middle(values: FloatArray) -> float:
    """The median of finite values; np.median's overhead dominates on the few dozen of a baseline."""
    ordered = np.sort(values)
    n = ordered.size
    return float(ordered[(n - 1) // 2] + ordered[n // 2]) / 2.0


def _diary_flags(i: int, prior: np.ndarray, diary: _DiaryByMorning, floor: float) -> list[FactorFlag]:
    flags = _flag(
        "yesterday's symptoms", float(diary.yesterday[i]), diary.yesterday[prior], floor, "high", "{:.0f}/10"
    )
    flags += _flag("last night's sleep", float(diary.night[i]), diary.night[prior], floor, "low", "{:.0f}/10")
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
