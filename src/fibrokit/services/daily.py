"""Daily summaries: rebuilt when a recording of that day is stored, with the morning's readiness judged then.

Readiness comes from the pacing core (:func:`~fibrokit.pacing.pace_readiness`): each morning against the
person's own earlier mornings within the baseline window. A reading stored for a past day changes the baseline
of the days after it, so those are judged again too. The dashboard then only reads the stored verdict.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy.orm import Session

from fibrokit.evidence import fact
from fibrokit.pacing import Mornings, pace_readiness
from fibrokit.store import queries
from fibrokit.store.tables import DailySummary


def refresh(session: Session, user_id: int, day: dt.date) -> None:
    """Rebuild the summary of ``day`` and judge the readiness of every morning whose baseline it is part of."""
    queries.refresh_day(session, user_id, day)
    session.flush()
    window = dt.timedelta(days=int(fact("pacing.readiness.baseline_days").scalar()))
    span = queries.days(session, user_id, day - window)
    readings = [d for d in span if d.ln_rmssd is not None and d.day <= day + window]
    if not readings:
        return
    judged = pace_readiness(
        Mornings(
            [d.day for d in readings],
            [d.ln_rmssd if d.ln_rmssd is not None else math.nan for d in readings],
            [d.resting_hr_bpm if d.resting_hr_bpm is not None else math.nan for d in readings],
        )
    )
    for summary, verdict in zip(readings, judged.days, strict=True):
        if summary.day >= day:
            summary.readiness = verdict.level
            summary.readiness_text = verdict.explanation
            summary.baseline_days = sum(
                1 for d in readings if dt.timedelta(0) < summary.day - d.day <= window
            )


def latest_morning(session: Session, user_id: int) -> DailySummary | None:
    """The most recent day with a morning reading."""
    return queries.latest_reading_day(session, user_id)
