"""Every SQLAlchemy statement of the nightly area: the only module of ``services/nightly`` that knows SQL.

Wearables' daily values (one row per source and date), the person's choice of the baseline's source, and the
days that have a morning reading. Each function takes the caller's session and neither commits nor rolls back
(the caller owns the transaction). ``tests/common/test_area_shape.py`` fails when another module of the area
imports SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fibrokit.store.tables import DailySourceChoice, DailySummary, DailyValueRow

__all__ = [
    "Session",
    "add",
    "clear_verdicts",
    "delete",
    "flush",
    "has_nights",
    "judgeable_nights",
    "latest_judged",
    "nights",
    "reading_days",
    "source_choice",
    "source_counts",
    "source_devices",
    "stored_between",
]

Stored = TypeVar("Stored", DailyValueRow, DailySourceChoice)


def add(session: Session, row: Stored, *, flush: bool = True) -> Stored:
    """Add a new row to the session (flushed unless ``flush`` is False, to write several together); no commit."""
    session.add(row)
    if flush:
        session.flush()
    return row


def delete(session: Session, row: DailySourceChoice) -> None:
    """Remove a row (flushed with the next flush); no commit."""
    session.delete(row)


def flush(session: Session) -> None:
    """Write what the session holds so far (inside the caller's transaction); no commit."""
    session.flush()


def stored_between(
    session: Session, user_id: int, sources: Collection[str], first: dt.date, last: dt.date
) -> list[DailyValueRow]:
    """The person's rows of these sources from ``first`` to ``last``."""
    return list(
        session.scalars(
            select(DailyValueRow).where(
                DailyValueRow.user_id == user_id,
                DailyValueRow.source.in_(sources),
                DailyValueRow.day.between(first, last),
            )
        )
    )


def source_counts(session: Session, user_id: int) -> list[tuple[str, int, int, dt.date, dt.date, str | None]]:
    """Per source: its rows, its HRV and resting-heart-rate values, first and last date, and its HRV metric."""
    rows = session.execute(
        select(
            DailyValueRow.source,
            func.count(),
            func.count(DailyValueRow.hrv_ms) + func.count(DailyValueRow.resting_hr_bpm),
            func.min(DailyValueRow.day),
            func.max(DailyValueRow.day),
            func.max(DailyValueRow.hrv_metric),
        )
        .where(DailyValueRow.user_id == user_id)
        .group_by(DailyValueRow.source)
    ).all()
    return [(s, int(n), int(c), a, b, m) for s, n, c, a, b, m in rows]


def source_devices(session: Session, user_id: int) -> list[tuple[str, str]]:
    """Each (source, device) pair the person has nights from, in order."""
    found = session.execute(
        select(DailyValueRow.source, DailyValueRow.device)
        .where(DailyValueRow.user_id == user_id)
        .distinct()
        .order_by(DailyValueRow.source, DailyValueRow.device)
    )
    return [(source, device) for source, device in found]


def source_choice(session: Session, user_id: int) -> DailySourceChoice | None:
    """The person's choice of the baseline's source (None: the most complete)."""
    return session.get(DailySourceChoice, user_id)


def nights(
    session: Session, user_id: int, since: dt.date, until: dt.date, source: str | None = None
) -> list[DailyValueRow]:
    """The person's daily values from ``since`` to ``until`` (all sources, or one), oldest first."""
    where = [DailyValueRow.user_id == user_id, DailyValueRow.day.between(since, until)]
    if source is not None:
        where.append(DailyValueRow.source == source)
    return list(
        session.scalars(select(DailyValueRow).where(*where).order_by(DailyValueRow.day, DailyValueRow.source))
    )


def has_nights(session: Session, user_id: int) -> bool:
    """Whether the person has any daily values (one cheap query)."""
    return (
        session.scalar(select(DailyValueRow.id).where(DailyValueRow.user_id == user_id).limit(1)) is not None
    )


def clear_verdicts(session: Session, user_id: int) -> None:
    """Clear the readiness verdicts of every one of the person's nights."""
    session.execute(
        update(DailyValueRow)
        .where(DailyValueRow.user_id == user_id)
        .values(readiness="", readiness_text="", baseline_days=0)
    )


def judgeable_nights(session: Session, user_id: int, source: str) -> list[DailyValueRow]:
    """One source's nights with a resting heart rate or HRV, oldest first."""
    return list(
        session.scalars(
            select(DailyValueRow)
            .where(
                DailyValueRow.user_id == user_id,
                DailyValueRow.source == source,
                (DailyValueRow.resting_hr_bpm.is_not(None)) | (DailyValueRow.hrv_ms.is_not(None)),
            )
            .order_by(DailyValueRow.day)
        )
    )


def reading_days(session: Session, user_id: int) -> set[dt.date]:
    """The dates that have a morning reading with HRV (judged on the reading's own scale)."""
    return set(
        session.scalars(
            select(DailySummary.day).where(
                DailySummary.user_id == user_id, DailySummary.ln_rmssd.is_not(None)
            )
        )
    )


def latest_judged(session: Session, user_id: int) -> DailyValueRow | None:
    """The most recent night with a readiness verdict."""
    return session.scalar(
        select(DailyValueRow)
        .where(DailyValueRow.user_id == user_id, DailyValueRow.readiness != "")
        .order_by(DailyValueRow.day.desc())
        .limit(1)
    )
