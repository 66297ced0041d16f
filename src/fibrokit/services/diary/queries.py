"""Every SQLAlchemy statement of the diary area: the only module of ``services/diary`` that knows SQL.

Check-ins, the person's remembered items, the folded ``diary_days`` and stored questionnaires. Each function
takes the caller's session and neither commits nor rolls back (the caller owns the transaction).
``tests/common/test_area_shape.py`` fails when another module of the area imports SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from fibrokit.store.tables import CheckInRow, DiaryDay, DiaryItemRow, InstrumentRow, User

__all__ = [
    "Session",
    "add",
    "checkin",
    "checkins_on",
    "count_checkins",
    "delete",
    "diary_day",
    "diary_days",
    "flush",
    "get_result",
    "latest_pgic",
    "latest_row",
    "lock_person",
    "recent_checkins",
    "recent_results",
    "results_of",
    "stored_items",
]

Stored = TypeVar("Stored", CheckInRow, DiaryDay, DiaryItemRow, InstrumentRow)
_SQLITE_LOCK = text("UPDATE users SET data_version = data_version WHERE id = :id")  # see lock_person


def add(session: Session, row: Stored, *, flush: bool = True) -> Stored:
    """Add a new or changed row to the session and flush it (so it has its id); no commit.

    With ``flush`` False the row waits for the next flush (several rows of one change written together).
    """
    session.add(row)
    if flush:
        session.flush()
    return row


def flush(session: Session) -> None:
    """Write what the session holds so far (inside the caller's transaction); no commit."""
    session.flush()


def delete(session: Session, row: CheckInRow | DiaryDay) -> None:
    """Remove a row (flushed with the next statement or flush); no commit."""
    session.delete(row)


def lock_person(session: Session, user_id: int) -> None:
    """Let one transaction at a time change this person's diary (until it ends).

    On PostgreSQL the account row is locked FOR NO KEY UPDATE, which the foreign keys of new rows do not
    conflict with. SQLite has one writer at a time: a write that changes nothing takes its write lock now, so
    what the transaction reads next (the day's check-ins) no other writer changes before it commits.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.connection().execute(_SQLITE_LOCK, {"id": user_id})  # below the ORM: bumps no version
        return
    session.execute(select(User.id).where(User.id == user_id).with_for_update(key_share=True))


def stored_items(session: Session, user_id: int) -> list[DiaryItemRow]:
    """Every item the person has tracked, active or removed, in the order they were added."""
    rows = session.scalars(
        select(DiaryItemRow).where(DiaryItemRow.user_id == user_id).order_by(DiaryItemRow.position)
    ).all()
    return list(rows)


def latest_row(session: Session, user_id: int) -> CheckInRow | None:
    """The person's most recent check-in."""
    return session.scalar(
        select(CheckInRow)
        .where(CheckInRow.user_id == user_id)
        .order_by(CheckInRow.at_local.desc(), CheckInRow.id.desc())
        .limit(1)
    )


def checkin(session: Session, user_id: int, checkin_id: int) -> CheckInRow | None:
    """One of the person's check-ins (None when it does not exist or is someone else's)."""
    return session.scalar(
        select(CheckInRow).where(CheckInRow.id == checkin_id, CheckInRow.user_id == user_id)
    )


def checkins_on(session: Session, user_id: int, day: dt.date) -> list[CheckInRow]:
    """The person's check-ins of one local day, in the order of their times."""
    rows = session.scalars(
        select(CheckInRow)
        .where(CheckInRow.user_id == user_id, CheckInRow.local_day == day)
        .order_by(CheckInRow.at_local)
    ).all()
    return list(rows)


def recent_checkins(session: Session, user_id: int, limit: int) -> list[CheckInRow]:
    """The person's latest ``limit`` check-ins, newest first."""
    rows = session.scalars(
        select(CheckInRow)
        .where(CheckInRow.user_id == user_id)
        .order_by(CheckInRow.at_local.desc(), CheckInRow.id.desc())
        .limit(limit)
    ).all()
    return list(rows)


def count_checkins(session: Session, user_id: int) -> int:
    """How many check-ins the person has made."""
    found = session.scalar(select(func.count()).select_from(CheckInRow).where(CheckInRow.user_id == user_id))
    return int(found or 0)


def diary_day(session: Session, user_id: int, day: dt.date) -> DiaryDay | None:
    """The person's folded diary day (None before its first check-in)."""
    return session.get(DiaryDay, (user_id, day))


def diary_days(
    session: Session, user_id: int, since: dt.date, until: dt.date | None = None
) -> list[DiaryDay]:
    """The person's diary days from ``since`` (to ``until``), oldest first."""
    where = [DiaryDay.user_id == user_id, DiaryDay.day >= since]
    if until is not None:
        where.append(DiaryDay.day <= until)
    return list(session.scalars(select(DiaryDay).where(*where).order_by(DiaryDay.day)).all())


def get_result(session: Session, user_id: int, result_id: int) -> InstrumentRow | None:
    """One of the person's questionnaires (None when it does not exist or is someone else's)."""
    return session.scalar(
        select(InstrumentRow).where(InstrumentRow.id == result_id, InstrumentRow.user_id == user_id)
    )


def results_of(session: Session, user_id: int, instrument: str, limit: int = 50) -> list[InstrumentRow]:
    """The person's results of one questionnaire, newest first."""
    rows = session.scalars(
        select(InstrumentRow)
        .where(InstrumentRow.user_id == user_id, InstrumentRow.instrument == instrument)
        .order_by(InstrumentRow.taken_on.desc(), InstrumentRow.id.desc())
        .limit(limit)
    ).all()
    return list(rows)


def recent_results(session: Session, user_id: int, limit: int) -> list[InstrumentRow]:
    """The person's latest ``limit`` questionnaires of any kind, newest first."""
    rows = session.scalars(
        select(InstrumentRow)
        .where(InstrumentRow.user_id == user_id)
        .order_by(InstrumentRow.taken_on.desc(), InstrumentRow.id.desc())
        .limit(limit)
    ).all()
    return list(rows)


def latest_pgic(session: Session, user_id: int, trial_id: int) -> InstrumentRow | None:
    """The person's latest PGIC about a trial."""
    return session.scalar(
        select(InstrumentRow)
        .where(
            InstrumentRow.user_id == user_id,
            InstrumentRow.instrument == "pgic",
            InstrumentRow.trial_id == trial_id,
        )
        .order_by(InstrumentRow.taken_on.desc(), InstrumentRow.id.desc())
        .limit(1)
    )
