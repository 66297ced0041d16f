"""Every SQLAlchemy statement of the imports area: the import queue's jobs and files, and whose files they are.

The only module of ``services/imports`` that knows SQL (``tests/common/test_area_shape.py`` checks it). Each
function takes the caller's session and neither commits nor rolls back: the worker, the command or the route
owns the transaction. ``Session`` and ``sessionmaker`` are re-exported for the annotations of the area's other
modules. A file's recording and original are stored through :mod:`fibrokit.services.recordings.queries`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from fibrokit.store.tables import ImportItem, ImportJob, User

__all__ = [
    "Session",
    "add",
    "claim",
    "count_items",
    "get_item",
    "get_job",
    "items_of_job",
    "job_of",
    "next_queued",
    "non_admin_accounts",
    "recent_jobs",
    "running_items",
    "sessionmaker",
    "set_outcome",
    "user_id_by_email",
]

Stored = TypeVar("Stored", ImportJob, ImportItem)


def add(session: Session, row: Stored) -> Stored:
    """Add a new job or queued file to the session and flush it (so it has its id); no commit."""
    session.add(row)
    session.flush()
    return row


def get_item(session: Session, item_id: int) -> ImportItem | None:
    """A queued file by its number (the worker's own upkeep; no owner to check)."""
    return session.get(ImportItem, item_id)


def get_job(session: Session, job_id: int) -> ImportJob | None:
    """A job by its number (the worker's own upkeep; no owner to check)."""
    return session.get(ImportJob, job_id)


def job_of(session: Session, user_id: int, job_id: int) -> ImportJob | None:
    """One of the person's jobs (None when it does not exist or is someone else's)."""
    return session.scalar(select(ImportJob).where(ImportJob.id == job_id, ImportJob.user_id == user_id))


def items_of_job(session: Session, job_id: int) -> list[ImportItem]:
    """A job's files in the order they were queued."""
    return list(
        session.scalars(select(ImportItem).where(ImportItem.job_id == job_id).order_by(ImportItem.id)).all()
    )


def next_queued(session: Session) -> ImportItem | None:
    """The oldest file waiting in the queue."""
    return session.scalar(
        select(ImportItem).where(ImportItem.status == "queued").order_by(ImportItem.id).limit(1)
    )


def claim(session: Session, item_id: int, worker: str, claimed_at: dt.datetime) -> bool:
    """Mark a queued file as running for ``worker``; False when another worker claimed it first."""
    claimed = session.execute(
        update(ImportItem)
        .where(ImportItem.id == item_id, ImportItem.status == "queued")
        .values(status="running", worker=worker, claimed_at=claimed_at, attempts=ImportItem.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


def set_outcome(
    session: Session, item_id: int, status: str, message: str, recording_id: int | None, at: dt.datetime
) -> None:
    """Write a file's final status, its message and the recording it became."""
    session.execute(
        update(ImportItem)
        .where(ImportItem.id == item_id)
        .values(status=status, message=message, recording_id=recording_id, finished_at=at)
        .execution_options(synchronize_session=False)
    )


def running_items(session: Session) -> list[ImportItem]:
    """Every file some worker claims to be importing."""
    return list(session.scalars(select(ImportItem).where(ImportItem.status == "running")).all())


def recent_jobs(session: Session, user_id: int, limit: int) -> list[ImportJob]:
    """The person's latest jobs, newest first."""
    rows = session.scalars(
        select(ImportJob).where(ImportJob.user_id == user_id).order_by(ImportJob.id.desc()).limit(limit)
    ).all()
    return list(rows)


def count_items(session: Session, job_id: int, final: Sequence[str]) -> tuple[int, int]:
    """A job's files: how many in all, and how many have one of the ``final`` statuses."""
    total, done = session.execute(
        select(func.count(), func.count().filter(ImportItem.status.in_(final))).where(
            ImportItem.job_id == job_id
        )
    ).one()
    return int(total), int(done)


def user_id_by_email(session: Session, email: str) -> int | None:
    """The account with this (already normalised) e-mail address."""
    found = session.scalar(select(User.id).where(User.email == email))
    return None if found is None else int(found)


def non_admin_accounts(session: Session) -> list[tuple[int, str]]:
    """Every account that is not an admin: (id, e-mail)."""
    rows = session.execute(select(User.id, User.email).where(User.is_admin.is_(False))).all()
    return [(int(user_id), str(email)) for user_id, email in rows]
