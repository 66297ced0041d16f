"""A daily exertion budget learned from the person's own history: the load of days not followed by a flare."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fibrokit.evidence import fact
from fibrokit.pacing._flares import paired_days
from fibrokit.pacing.days import DayLoads, DaySymptoms

BUDGET_EVIDENCE = ("pacing.budget.min_days", "pacing.budget.quantile", "pacing.budget.flare_margin")


@dataclass(frozen=True)
class Budget:
    """A daily budget in load points, or None when there is too little history, with how it was found."""

    points: float | None
    days_used: int
    good_days: int
    flare_days: int
    explanation: str
    evidence: tuple[str, ...] = BUDGET_EVIDENCE


def pace_budget(loads: DayLoads, symptoms: DaySymptoms | None = None) -> Budget:
    """Learn a daily budget from past days' load and whether a flare followed.

    The budget is the 75th percentile of load on days **not** followed by a flare; if the days that were
    followed by a flare had a lower median load, the budget drops to 90 % of that median, just below the loads
    that went badly. Without diary entries every day counts as good, and the result says so.

    Parameters
    ----------
    loads : DayLoads
        Points per day.
    symptoms : DaySymptoms, optional
        Diary summaries; flares as logged, or read from the symptom ratings.

    Examples
    --------
    >>> import datetime as dt
    >>> days = [dt.date(2025, 5, 1) + dt.timedelta(d) for d in range(29)]
    >>> loads = [40.0 + d % 10 for d in range(29)]
    >>> budget = pace_budget(DayLoads(days[:28], loads[:28]), DaySymptoms(days, [3.0] * 29))
    >>> budget.points, budget.good_days
    (46.25, 28)
    """
    minimum = int(fact("pacing.budget.min_days").scalar())
    if symptoms is None:
        pairs = [
            (d, float(p), False) for d, p in zip(loads.dates, loads.points, strict=True) if np.isfinite(p)
        ]
        source = "no diary entries were given, so every day counts as a good day"
    else:
        pairs = paired_days(loads, symptoms)
        source = "days followed by a flare are left out"
    good = np.array([p for _, p, flare in pairs if not flare])
    bad = np.array([p for _, p, flare in pairs if flare])
    if len(pairs) < minimum or good.size == 0:
        return Budget(
            None,
            len(pairs),
            int(good.size),
            int(bad.size),
            f"Too few days to learn a budget: {len(pairs)} usable, {minimum} needed. Set one by hand meanwhile.",
        )
    quantile = fact("pacing.budget.quantile").scalar()
    points = float(np.quantile(good, quantile))
    text = (
        f"Budget {points:.0f} points: the {quantile:.0%} point of load on {good.size} good days ({source})."
    )
    if bad.size:
        margin = fact("pacing.budget.flare_margin").scalar()
        ceiling = margin * float(np.median(bad))
        if ceiling < points:
            points = ceiling
            text = (
                f"Budget {points:.0f} points: {margin:.0%} of the median load ({np.median(bad):.0f}) of the "
                f"{bad.size} days followed by a flare, which is below what good days used."
            )
    return Budget(points, len(pairs), int(good.size), int(bad.size), text)
