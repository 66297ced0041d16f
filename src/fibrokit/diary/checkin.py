"""A check-in: what a person recorded at one moment. Any number of check-ins a day is fine."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fibrokit.diary.items import DEFAULT_ITEMS, DiaryItem
from fibrokit.evidence import fact


@dataclass(frozen=True)
class CheckIn:
    """One diary entry.

    Parameters
    ----------
    at : datetime
        When it was recorded. Its calendar date, in its own time zone, is the day it counts for.
    ratings : mapping of str to float
        Symptom ratings by item key, 0 (none) to 10 (worst). Unrated symptoms are simply absent.
    factors : mapping of str to float or None
        Triggers and exposures that were present, by item key, with an optional amount 0-10.
    ongoing : frozenset of str
        Factor keys that are still going on (menstruation, a course of warm-water therapy) and should be
        pre-filled in the next check-in.
    note : str
        Free text.
    items : tuple of DiaryItem
        The items this check-in offered. They carry over to the next check-in, custom ones included, so
        nothing has to be re-added day after day.

    Examples
    --------
    >>> import datetime as dt
    >>> c = CheckIn(dt.datetime(2025, 3, 1, 20, 0), {"pain": 6, "fatigue": 7}, {"stress": None})
    >>> c.day.isoformat(), c.ratings["pain"]
    ('2025-03-01', 6.0)
    """

    at: dt.datetime
    ratings: Mapping[str, float] = field(default_factory=dict)
    factors: Mapping[str, float | None] = field(default_factory=dict)
    ongoing: frozenset[str] = frozenset()
    note: str = ""
    items: tuple[DiaryItem, ...] = DEFAULT_ITEMS

    def __post_init__(self) -> None:
        kinds = {item.key: item.kind for item in self.items}
        if len(kinds) != len(self.items):
            raise ValueError("`items` holds the same key twice")
        low, high = fact("diary.rating_range").pair()
        ratings = {key: _checked(key, value, low, high) for key, value in self.ratings.items()}
        factors = {
            key: None if value is None else _checked(key, value, low, high)
            for key, value in self.factors.items()
        }
        for key in ratings:
            if kinds.get(key) != "symptom":
                raise ValueError(f"`ratings` key {key!r} is not a symptom item of this check-in")
        for key in (*factors, *self.ongoing):
            if kinds.get(key) not in ("trigger", "exposure"):
                raise ValueError(f"factor {key!r} is not a trigger or exposure item of this check-in")
        object.__setattr__(self, "ratings", MappingProxyType(ratings))
        object.__setattr__(self, "factors", MappingProxyType(factors))
        object.__setattr__(self, "ongoing", frozenset(self.ongoing))

    @property
    def day(self) -> dt.date:
        """The calendar day this check-in counts for."""
        return self.at.date()


def _checked(key: str, value: float, low: float, high: float) -> float:
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{key!r} must be between {low:g} and {high:g}, not {value!r}")
    return number
