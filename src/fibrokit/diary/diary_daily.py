"""Daily summaries: every check-in of a calendar day folded into one row per day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fibrokit.diary.checkin import CheckIn


@dataclass(frozen=True)
class SymptomDay:
    """One symptom over one day: mean, lowest and highest rating, and how many check-ins rated it."""

    mean: float
    low: float
    high: float
    count: int


@dataclass(frozen=True)
class DailySummary:
    """One calendar day of the diary.

    Attributes
    ----------
    day : date
        The calendar day.
    checkins : int
        Check-ins recorded that day.
    symptoms : mapping of str to SymptomDay
        Each symptom rated that day.
    factors : frozenset of str
        Triggers and exposures present in any check-in of the day.
    notes : tuple of str
        The day's non-empty notes, in time order.
    """

    day: dt.date
    checkins: int
    symptoms: Mapping[str, SymptomDay] = field(default_factory=dict)
    factors: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "symptoms", MappingProxyType(dict(self.symptoms)))

    def rating(self, key: str) -> float | None:
        """The day's mean rating of symptom ``key``, or None when it was not rated."""
        entry = self.symptoms.get(key)
        return None if entry is None else entry.mean


def diary_daily(checkins: tuple[CheckIn, ...]) -> tuple[DailySummary, ...]:
    """Summarise check-ins day by day.

    A day's rating of a symptom is the mean of that day's check-ins that rated it, so a day with a morning and
    an evening check-in counts once, like a day with one. Days without check-ins are absent (not zero).

    Parameters
    ----------
    checkins : tuple of CheckIn
        In any order.

    Returns
    -------
    tuple of DailySummary
        One per day with at least one check-in, in date order.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.diary import CheckIn
    >>> a = CheckIn(dt.datetime(2025, 3, 1, 8), {"pain": 4})
    >>> b = CheckIn(dt.datetime(2025, 3, 1, 21), {"pain": 7}, {"over_exertion": None})
    >>> (day,) = diary_daily((a, b))
    >>> day.rating("pain"), day.symptoms["pain"].high, sorted(day.factors)
    (5.5, 7.0, ['over_exertion'])
    """
    by_day: dict[dt.date, list[CheckIn]] = defaultdict(list)
    for checkin in checkins:
        by_day[checkin.day].append(checkin)
    return tuple(_summary(day, sorted(group, key=lambda c: c.at)) for day, group in sorted(by_day.items()))


def _summary(day: dt.date, group: list[CheckIn]) -> DailySummary:
    values: dict[str, list[float]] = defaultdict(list)
    for checkin in group:
        for key, rating in checkin.ratings.items():
            values[key].append(rating)
    symptoms = {
        key: SymptomDay(sum(vals) / len(vals), min(vals), max(vals), len(vals))
        for key, vals in values.items()
    }
    factors = frozenset(key for checkin in group for key in checkin.factors)
    notes = tuple(checkin.note for checkin in group if checkin.note.strip())
    return DailySummary(day, len(group), symptoms, factors, notes)
