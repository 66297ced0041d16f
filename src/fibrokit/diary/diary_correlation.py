"""How an outcome differs on days after (or on) days with a factor: one pair at a time, with a caution."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from fibrokit.diary.diary_daily import DailySummary
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact


@dataclass(frozen=True)
class DiaryCorrelation:
    """A factor's association with an outcome.

    Attributes
    ----------
    factor, outcome : str
        Item keys.
    lag_days : int
        0 compares the same day, 1 the next day, and so on.
    days_with, days_without : int
        Day pairs in each group.
    mean_with, mean_without : float
        Mean outcome rating (0-10) after days with and without the factor.
    difference : float
        ``mean_with - mean_without`` in rating points (positive: worse with the factor).
    standardized : float
        The difference over the pooled standard deviation (Cohen's d); NaN when the ratings do not vary.
    comparisons : int
        How many factor-outcome pairs the person has looked at, this one included.
    caution : str
        What the number can and cannot say.
    evidence : tuple of str
        Evidence keys behind the rules applied.
    """

    factor: str
    outcome: str
    lag_days: int
    days_with: int
    days_without: int
    mean_with: float
    mean_without: float
    difference: float
    standardized: float
    comparisons: int
    caution: str
    evidence: tuple[str, ...]


def diary_correlation(
    days: tuple[DailySummary, ...], factor: str, outcome: str, *, lag_days: int = 1, comparisons: int = 1
) -> DiaryCorrelation:
    """Compare an outcome after days with and without a factor.

    Parameters
    ----------
    days : tuple of DailySummary
        The diary, from :func:`diary_daily`. A day counts as "without" only when it has a check-in.
    factor : str
        Key of a trigger or exposure.
    outcome : str
        Key of a symptom.
    lag_days : int
        Days from the factor to the outcome (0 = same day, default 1 = next day).
    comparisons : int
        How many factor-outcome pairs have been looked at, this one included; the caution grows with it.

    Returns
    -------
    DiaryCorrelation

    Raises
    ------
    InsufficientData
        With fewer than 3 day pairs with, or 3 without, the factor (Bearable's rule).

    Notes
    -----
    No p-value is given on purpose: diary days are not independent (a bad week is a run of bad days), and
    scanning many factors for "significant" ones finds chance patterns. The effect size is Cohen's d
    (Cohen 1988) with the pooled standard deviation.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.diary import CheckIn, diary_daily
    >>> start = dt.datetime(2025, 3, 1, 20)
    >>> cs = [CheckIn(start + dt.timedelta(days=i), {"pain": 7 if i % 2 else 4},
    ...               {"over_exertion": None} if i % 2 == 0 else {}) for i in range(8)]
    >>> r = diary_correlation(diary_daily(tuple(cs)), "over_exertion", "pain")
    >>> r.days_with, r.days_without, r.difference
    (4, 3, 3.0)
    """
    max_lag = int(fact("diary.correlation.max_lag_days").scalar())
    if not 0 <= lag_days <= max_lag:
        raise ValueError(f"`lag_days` must be between 0 and {max_lag}, not {lag_days}")
    if comparisons < 1:
        raise ValueError(f"`comparisons` must be at least 1, not {comparisons}")
    with_, without = _pairs(days, factor, outcome, lag_days)
    need = int(fact("diary.correlation.min_days_each").scalar())
    if len(with_) < need or len(without) < need:
        raise InsufficientData(
            f"{factor} vs {outcome}: {len(with_)} day(s) with and {len(without)} without; at least {need} of "
            "each are needed"
        )
    mean_with, mean_without = statistics.fmean(with_), statistics.fmean(without)
    return DiaryCorrelation(
        factor,
        outcome,
        lag_days,
        len(with_),
        len(without),
        mean_with,
        mean_without,
        mean_with - mean_without,
        _cohens_d(with_, without),
        comparisons,
        _caution(comparisons),
        ("diary.correlation.min_days_each", "diary.correlation.max_lag_days"),
    )


def _pairs(
    days: tuple[DailySummary, ...], factor: str, outcome: str, lag: int
) -> tuple[list[float], list[float]]:
    by_date = {day.day: day for day in days}
    with_: list[float] = []
    without: list[float] = []
    for day in days:
        later = by_date.get(day.day + dt.timedelta(days=lag))
        value = None if later is None else later.rating(outcome)
        if value is not None:
            (with_ if factor in day.factors else without).append(value)
    return with_, without


def _cohens_d(a: list[float], b: list[float]) -> float:
    pooled = ((len(a) - 1) * statistics.variance(a) + (len(b) - 1) * statistics.variance(b)) / (
        len(a) + len(b) - 2
    )
    return (statistics.fmean(a) - statistics.fmean(b)) / math.sqrt(pooled) if pooled > 0 else math.nan


def _caution(comparisons: int) -> str:
    text = (
        "This shows an association, not a cause: something else may come with the factor (a busy week brings "
        "both over-exertion and poor sleep), and diary days are not independent."
    )
    if comparisons > 1:
        text += (
            f" You have looked at {comparisons} pairs; the more pairs are looked at, the more differences "
            "appear by chance alone, so treat a single striking one as a question to keep watching, not a finding."
        )
    return text
