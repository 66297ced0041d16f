"""Query functions over daily summaries. They take a Session and never commit.

The statements over recordings, their data and results are in :mod:`fibrokit.services.recordings.queries`.

Every function that reads health data takes the owner's ``user_id`` and filters on it, so a query cannot
return another person's rows by a wrong id alone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fibrokit.store.tables import DailySummary, RecordingRow, utcnow


def refresh_day(session: Session, user_id: int, day: dt.date) -> DailySummary | None:
    """Rebuild one day's summary from that day's recordings (the first good morning reading counts)."""
    session.flush()
    mornings = session.execute(
        select(RecordingRow.mean_hr_bpm, RecordingRow.rmssd_ms, RecordingRow.ln_rmssd)
        .where(
            RecordingRow.user_id == user_id,
            RecordingRow.local_day == day,
            RecordingRow.kind == "morning-reading",
        )
        .order_by(RecordingRow.start_utc, RecordingRow.id)
    ).all()
    activity_s = session.scalar(
        select(func.coalesce(func.sum(RecordingRow.duration_s), 0.0)).where(
            RecordingRow.user_id == user_id, RecordingRow.local_day == day, RecordingRow.kind == "activity"
        )
    )
    summary = session.get(DailySummary, (user_id, day))
    if not mornings and not activity_s:
        if summary is not None:
            session.delete(summary)
        return None
    if summary is None:
        summary = DailySummary(user_id=user_id, day=day)
        session.add(summary)
    first = mornings[0] if mornings else (None, None, None)
    summary.resting_hr_bpm, summary.rmssd_ms, summary.ln_rmssd = first
    summary.readings = len(mornings)
    summary.activity_minutes = float(activity_s or 0.0) / 60.0
    summary.updated_at = utcnow()
    return summary


def days(session: Session, user_id: int, since: dt.date, until: dt.date | None = None) -> list[DailySummary]:
    """The person's daily summaries from ``since`` on (to ``until``, inclusive, when given), oldest first."""
    where = [DailySummary.user_id == user_id, DailySummary.day >= since]
    if until is not None:
        where.append(DailySummary.day <= until)
    rows = session.scalars(select(DailySummary).where(*where).order_by(DailySummary.day)).all()
    return list(rows)


def latest_reading_day(session: Session, user_id: int) -> DailySummary | None:
    """The person's most recent day with a morning reading."""
    return session.scalar(
        select(DailySummary)
        .where(DailySummary.user_id == user_id, DailySummary.ln_rmssd.is_not(None))
        .order_by(DailySummary.day.desc())
        .limit(1)
    )


def last_day(session: Session, user_id: int) -> dt.date | None:
    """The most recent day with a summary."""
    return session.scalar(select(func.max(DailySummary.day)).where(DailySummary.user_id == user_id))
