"""Which days were flares, and which days' next day is known: shared by the budget and the flare link."""

from __future__ import annotations

import datetime as dt

import numpy as np

from fibrokit.evidence import fact
from fibrokit.pacing.days import DayLoads, DaySymptoms


def flare_days(symptoms: DaySymptoms) -> dict[dt.date, bool]:
    """Flare or not, for every day with a rating: as logged, else a rating 2 points above the personal median."""
    if symptoms.flare is not None:
        return dict(zip(symptoms.dates, (bool(f) for f in symptoms.flare), strict=True))
    scores = symptoms.symptoms
    known = np.isfinite(scores)
    if not known.any():
        return {}
    line = float(np.median(scores[known])) + fact("pacing.flare.worse_points").scalar()
    return {d: bool(s >= line) for d, s, k in zip(symptoms.dates, scores, known, strict=True) if k}


def paired_days(loads: DayLoads, symptoms: DaySymptoms) -> list[tuple[dt.date, float, bool]]:
    """(day, load, flare next day) for each day whose load and next-day flare status are both known."""
    flares = flare_days(symptoms)
    out = []
    for day, points in zip(loads.dates, loads.points, strict=True):
        following = day + dt.timedelta(days=1)
        if np.isfinite(points) and following in flares:
            out.append((day, float(points), flares[following]))
    return out
