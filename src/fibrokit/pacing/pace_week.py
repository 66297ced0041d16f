"""The weekly view: load per ISO week (Monday to Sunday) against the daily budget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from fibrokit.pacing.days import DayLoads


@dataclass(frozen=True)
class WeekLoad:
    """Load over one week."""

    monday: dt.date
    days: int
    total: float
    mean: float
    highest: float
    days_over_budget: int


def pace_week(loads: DayLoads, budget_points: float | None = None) -> tuple[WeekLoad, ...]:
    """Sum load per ISO week and count the days over the budget.

    Examples
    --------
    >>> import datetime as dt
    >>> days = [dt.date(2025, 6, 2) + dt.timedelta(d) for d in range(10)]  # Monday 2 June onwards
    >>> weeks = pace_week(DayLoads(days, [10.0] * 9 + [60.0]), budget_points=50)
    >>> [(w.monday.isoformat(), w.days, w.total, w.days_over_budget) for w in weeks]
    [('2025-06-02', 7, 70.0, 0), ('2025-06-09', 3, 80.0, 1)]
    """
    weeks: dict[dt.date, list[float]] = {}
    for day, points in zip(loads.dates, loads.points, strict=True):
        if np.isfinite(points):
            weeks.setdefault(day - dt.timedelta(days=day.weekday()), []).append(float(points))
    out = []
    for monday, values in sorted(weeks.items()):
        over = sum(1 for v in values if budget_points is not None and v > budget_points)
        out.append(
            WeekLoad(monday, len(values), float(sum(values)), float(np.mean(values)), max(values), over)
        )
    return tuple(out)
