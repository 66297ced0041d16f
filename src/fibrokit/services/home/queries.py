"""The home area's SQL, and nowhere else in ``services/home``: statements as small named functions.

What is read and written here: the daily summaries (rebuilt from a day's recordings, read for trends and
readiness), the readiness queue, and the few rows of other areas that the clinician's home, the reports and the
research page summarise. No function commits (the caller owns the transaction); every read of health data is
filtered on the owner's ``user_id``. ``tests/common/test_area_shape.py`` checks that no other module of the area
imports SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

# A short write committed in its own turn (SQLite's writers queue for it): for a route that must store a little
# (an access log) before a long read, so the read holds no write lock. Re-exported so the web reaches it here.
from fibrokit.store.tables import (
    DailySummary,
    DiaryDay,
    ReadinessQueue,
    RecordingRow,
    ResultRow,
    User,
    utcnow,
)

__all__ = [
    "Session",
    "add_to_queue",
    "days",
    "diary_days_since",
    "last_day",
    "latest_findings",
    "latest_not_of",
    "latest_of",
    "latest_reading_day",
    "person",
    "queue_of",
    "queued",
    "readings_between",
    "refresh_day",
    "summary",
    "tests_between",
    "unqueue",
]


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


def summary(session: Session, user_id: int, day: dt.date) -> DailySummary | None:
    """One day's summary (already in the session when judged in it: then no query is made)."""
    return session.get(DailySummary, (user_id, day))


def readings_between(session: Session, user_id: int, start: dt.date, end: dt.date) -> list[DailySummary]:
    """The days from ``start`` to ``end`` with at least one morning reading, oldest first."""
    rows = session.scalars(
        select(DailySummary)
        .where(
            DailySummary.user_id == user_id,
            DailySummary.day >= start,
            DailySummary.day <= end,
            DailySummary.readings > 0,
        )
        .order_by(DailySummary.day)
    ).all()
    return list(rows)


def queue_of(session: Session, user_id: int) -> ReadinessQueue | None:
    """The person's row in the readiness queue, if their mornings wait to be judged."""
    return session.get(ReadinessQueue, user_id)


def add_to_queue(session: Session, user_id: int, first: dt.date, last: dt.date) -> None:
    """Queue the person's mornings from ``first`` to ``last`` to be judged (they had no row)."""
    session.add(ReadinessQueue(user_id=user_id, first_day=first, last_day=last))


def queued(
    session: Session, user_id: int | None, limit: int, quiet_since: dt.datetime | None
) -> list[tuple[int, dt.date, dt.date, dt.datetime]]:
    """Queued people, the oldest change first: (person, first day, last day, queued at)."""
    query = select(ReadinessQueue).order_by(ReadinessQueue.queued_at).limit(limit)
    if user_id is not None:
        query = query.where(ReadinessQueue.user_id == user_id)
    if quiet_since is not None:
        query = query.where(ReadinessQueue.queued_at <= quiet_since)
    return [(row.user_id, row.first_day, row.last_day, row.queued_at) for row in session.scalars(query)]


def unqueue(session: Session, user_id: int, queued_at: dt.datetime) -> int:
    """Take the person's queue row off if it was not widened since ``queued_at``; how many rows went."""
    gone = session.execute(
        delete(ReadinessQueue).where(ReadinessQueue.user_id == user_id, ReadinessQueue.queued_at == queued_at)
    )
    return int(gone.rowcount or 0)  # type: ignore[attr-defined]


def person(session: Session, user_id: int) -> User | None:
    """The account a report is made for."""
    return session.get(User, user_id)


def latest_of(session: Session, user_id: int, kind: str) -> RecordingRow | None:
    """The person's latest recording of ``kind`` (by day, then by when it was stored)."""
    return session.scalars(
        select(RecordingRow)
        .where(RecordingRow.user_id == user_id, RecordingRow.kind == kind)
        .order_by(RecordingRow.local_day.desc().nulls_last(), RecordingRow.id.desc())
        .limit(1)
    ).first()


def latest_not_of(session: Session, user_id: int, kind: str) -> RecordingRow | None:
    """The person's recording stored last of any kind but ``kind``."""
    return session.scalars(
        select(RecordingRow)
        .where(RecordingRow.user_id == user_id, RecordingRow.kind != kind)
        .order_by(RecordingRow.id.desc())
        .limit(1)
    ).first()


def diary_days_since(session: Session, user_id: int, after: dt.date) -> list[DiaryDay]:
    """The person's diary days after ``after``."""
    rows = session.scalars(select(DiaryDay).where(DiaryDay.user_id == user_id, DiaryDay.day > after)).all()
    return list(rows)


def tests_between(
    session: Session, user_id: int, kinds: Sequence[str], start: dt.date, end: dt.date
) -> list[RecordingRow]:
    """The person's recordings of these kinds dated from ``start`` to ``end``, oldest first."""
    rows = session.scalars(
        select(RecordingRow)
        .where(
            RecordingRow.user_id == user_id,
            RecordingRow.kind.in_(kinds),
            RecordingRow.local_day >= start,
            RecordingRow.local_day <= end,
        )
        .order_by(RecordingRow.start_utc, RecordingRow.id)
    ).all()
    return list(rows)


def latest_findings(
    session: Session, user_id: int, kind: str
) -> tuple[int, list[Mapping[str, object]]] | None:
    """The stored findings of the person's latest test of ``kind``: (recording id, the findings as stored)."""
    row = session.execute(
        select(RecordingRow.id, ResultRow.data)
        .join(ResultRow, ResultRow.recording_id == RecordingRow.id)
        .where(RecordingRow.user_id == user_id, RecordingRow.kind == kind, ResultRow.kind == "protocol")
        .order_by(RecordingRow.start_utc.desc(), RecordingRow.id.desc())
        .limit(1)
    ).first()
    return (row[0], list(row[1].get("findings", []))) if row is not None else None
