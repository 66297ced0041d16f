"""The resting heart rate behind the pacing lines, taken from the person's own recent morning readings.

The resting-based exertion thresholds (resting HR × 1.15, resting HR + 15 bpm) need one resting heart rate.
A single morning is noisy (a bad night, a cold, coffee), so fibrokit takes the **median** of the good morning
readings of the last two weeks up to the day in question, and only once a few are on record. Each day of
the past is judged with the mornings before it, so an old walk keeps the lines that were in force then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from fibrokit.evidence import fact
from fibrokit.pacing.days import Mornings

RESTING_EVIDENCE = ("pacing.resting.days", "pacing.resting.min_mornings")


@dataclass(frozen=True)
class RestingHr:
    """A resting heart rate for the lines, or None when too few mornings are on record.

    Attributes
    ----------
    bpm : float or None
        Median of the morning readings used (None when fewer than the minimum were found).
    mornings : int
        Good morning readings in the window.
    first, last : date or None
        The earliest and latest morning used.
    explanation : str
        How the number was reached, or what is missing, in plain words.
    evidence : tuple of str
        Registry keys of the window and the minimum.
    """

    bpm: float | None
    mornings: int
    first: dt.date | None
    last: dt.date | None
    explanation: str
    evidence: tuple[str, ...] = RESTING_EVIDENCE


def pace_resting(mornings: Mornings, on: dt.date) -> RestingHr:
    """Resting heart rate for the lines of day ``on``: the median of the good mornings of the 14 days to it.

    Only mornings flagged ``ok`` count (a doubtful reading is asked to be repeated, not used), and only those
    on or before ``on``, so a day's lines never depend on later readings.

    Parameters
    ----------
    mornings : Mornings
        Morning readings, one per day (resting heart rate and a quality flag are used).
    on : date
        The day whose lines are wanted.

    Returns
    -------
    RestingHr

    Examples
    --------
    >>> import datetime as dt
    >>> days = [dt.date(2025, 3, 1) + dt.timedelta(d) for d in range(20)]
    >>> hr = [70.0 + d % 3 for d in range(20)]
    >>> rest = pace_resting(Mornings(days, [3.5] * 20, hr), dt.date(2025, 3, 20))
    >>> rest.bpm, rest.mornings, rest.first.isoformat()
    (71.0, 14, '2025-03-07')
    >>> pace_resting(Mornings(days[:2], [3.5] * 2, hr[:2]), dt.date(2025, 3, 2)).bpm is None
    True
    """
    window = int(fact("pacing.resting.days").scalar())
    need = int(fact("pacing.resting.min_mornings").scalar())
    start = on - dt.timedelta(days=window - 1)
    chosen = [
        (day, float(hr))
        for day, hr, ok in zip(mornings.dates, mornings.resting_hr_bpm, mornings.ok, strict=True)
        if start <= day <= on and ok and np.isfinite(hr)
    ]
    if len(chosen) < need:
        return RestingHr(
            None,
            len(chosen),
            chosen[0][0] if chosen else None,
            chosen[-1][0] if chosen else None,
            f"{len(chosen)} morning reading(s) in the {window} days to {on.isoformat()}; {need} are needed for "
            "a resting heart rate. Record a few more mornings, or enter your resting heart rate by hand.",
        )
    values = np.array([hr for _, hr in chosen])
    median = float(np.median(values))
    return RestingHr(
        median,
        len(chosen),
        chosen[0][0],
        chosen[-1][0],
        f"Resting heart rate {median:.0f} bpm: the median of {len(chosen)} morning readings from "
        f"{chosen[0][0].isoformat()} to {chosen[-1][0].isoformat()}.",
    )
