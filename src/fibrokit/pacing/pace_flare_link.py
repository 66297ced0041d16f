"""The flare link: whether heavy days were followed by worse symptoms next day more often than other days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from fibrokit.evidence import fact
from fibrokit.pacing._flares import paired_days
from fibrokit.pacing.days import DayLoads, DaySymptoms

FLARE_EVIDENCE = ("pacing.flare.worse_points", "pacing.flare.min_each", "pacing.flare.min_days")


@dataclass(frozen=True)
class FlareLink:
    """Next-day flares after heavy days and after other days.

    Attributes
    ----------
    enough : bool
        False when there are too few paired days to tell; the counts are still given.
    heavy_line : float
        Load at or above which a day counts as heavy (the budget, or the median load).
    heavy_days, other_days : int
    flares_after_heavy, flares_after_other : int
    heavy_flare_dates : tuple of date
        Heavy days followed by a flare.
    statement : str
        The finding in plain words, with its limits.
    """

    enough: bool
    heavy_line: float
    heavy_days: int
    other_days: int
    flares_after_heavy: int
    flares_after_other: int
    heavy_flare_dates: tuple[dt.date, ...]
    statement: str
    evidence: tuple[str, ...] = FLARE_EVIDENCE


def pace_flare_link(
    loads: DayLoads, symptoms: DaySymptoms, *, budget_points: float | None = None
) -> FlareLink:
    """Compare next-day flares after heavy days (load at or over the budget, else the median) and other days.

    A flare is a day logged as one, or rated 2 points above the personal median (Farrar 2001's clinically
    important change). The comparison needs two weeks of paired days and at least 3 heavy and 3 other days.

    Examples
    --------
    >>> import datetime as dt
    >>> days = [dt.date(2025, 4, 1) + dt.timedelta(d) for d in range(30)]
    >>> load = [80.0 if d % 5 == 0 else 20.0 for d in range(30)]
    >>> symptoms = [4.0] + [8.0 if d % 5 == 1 else 4.0 for d in range(1, 30)]
    >>> link = pace_flare_link(DayLoads(days, load), DaySymptoms(days, symptoms), budget_points=60)
    >>> link.enough, link.flares_after_heavy, link.heavy_days, link.flares_after_other
    (True, 6, 6, 0)
    """
    pairs = paired_days(loads, symptoms)
    loads_known = np.array([p for _, p, _ in pairs])
    line = budget_points if budget_points is not None else float(np.median(loads_known)) if pairs else 0.0
    heavy = [(d, flare) for d, p, flare in pairs if p >= line]
    other = [flare for _, p, flare in pairs if p < line]
    after_heavy = sum(flare for _, flare in heavy)
    after_other = sum(other)
    need_days = int(fact("pacing.flare.min_days").scalar())
    need_each = int(fact("pacing.flare.min_each").scalar())
    enough = len(pairs) >= need_days and len(heavy) >= need_each and len(other) >= need_each
    line_name = (
        f"the budget of {line:.0f} points" if budget_points is not None else f"the median load ({line:.0f})"
    )
    counts = (
        f"After {after_heavy} of {len(heavy)} heavy days (at or over {line_name}) the next day was a flare; "
        f"after {after_other} of {len(other)} other days it was."
    )
    if not enough:
        statement = (
            f"Too few days to tell: {len(pairs)} days with load and next-day symptoms ({need_days} needed, with "
            f"at least {need_each} heavy and {need_each} other days). {counts}"
        )
    else:
        statement = (
            f"{counts} This shows what went together in your own record, not what caused what; other things "
            "(sleep, stress, illness) can drive both."
        )
    dates = tuple(d for d, flare in heavy if flare)
    return FlareLink(enough, line, len(heavy), len(other), after_heavy, after_other, dates, statement)
