"""Reading stored diary days: the rows of a date range, and the same rows as the core's daily summaries.

Kept apart from :mod:`fibrokit.services.diary.checkins` (which writes check-ins and folds days) so that what a saved day
sets off — readiness judged again with the diary, see :mod:`fibrokit.services.home.daily` — can read the diary
without importing the module that writes it. Functions taking a ``Session`` never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.diary import DailySummary as CoreDay
from fibrokit.diary import SymptomDay
from fibrokit.store.tables import DiaryDay


def core_days(rows: Sequence[DiaryDay]) -> tuple[CoreDay, ...]:
    """Stored diary days as the core's daily summaries (for trends, trial evaluations and pacing)."""
    return tuple(
        CoreDay(
            row.day,
            row.checkins,
            {
                key: SymptomDay(float(s["mean"]), float(s["low"]), float(s["high"]), int(s["count"]))
                for key, s in row.symptoms.items()
            },
            frozenset(row.factors),
        )
        for row in rows
    )


def diary_days(
    session: Session, user_id: int, since: dt.date, until: dt.date | None = None
) -> list[DiaryDay]:
    """The person's diary days from ``since`` (to ``until``), oldest first."""
    where = [DiaryDay.user_id == user_id, DiaryDay.day >= since]
    if until is not None:
        where.append(DiaryDay.day <= until)
    return list(session.scalars(select(DiaryDay).where(*where).order_by(DiaryDay.day)).all())
