"""The import queue: jobs of files kept in the database, so progress survives restarts.

A file goes ``queued`` → ``running`` (claimed, committed) → ``imported`` / ``duplicate`` / ``failed``. The
final status is committed in the same transaction as the stored recording, so the two cannot disagree. A
process killed mid-import leaves its item ``running`` and nothing of the recording; :func:`requeue_abandoned`
puts such items back in the queue (their worker process is gone, or the claim is older than the lease).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fibrokit.services.imports.file import Outcome
from fibrokit.services.imports.uploads import Staged
from fibrokit.store.tables import ImportItem, ImportJob, utcnow

QUEUED, RUNNING = "queued", "running"
FINAL = ("imported", "duplicate", "failed", "skipped")
LEASE = dt.timedelta(hours=1)
MAX_ATTEMPTS = 3


def create_job(
    session: Session,
    user_id: int,
    files: Sequence[Staged],
    *,
    origin: str = "web",
    kind_hint: str = "auto",
    day: dt.date | None = None,
) -> ImportJob:
    """Queue files for import as one job; ``day`` dates the files that state no date in their content or name."""
    job = ImportJob(user_id=user_id, origin=origin, kind_hint=kind_hint, day=day)
    session.add(job)
    session.flush()
    for staged in files:
        session.add(
            ImportItem(
                job_id=job.id,
                user_id=user_id,
                name=staged.name[:255],
                staged_path=str(staged.path),
                size=staged.size,
            )
        )
    session.flush()
    return job


def worker_name() -> str:
    """The name of this process in the queue: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_next(session: Session, worker: str) -> ImportItem | None:
    """Take the oldest queued file for this worker; None when the queue is empty or another worker won."""
    item = session.scalar(
        select(ImportItem).where(ImportItem.status == QUEUED).order_by(ImportItem.id).limit(1)
    )
    if item is None:
        return None
    claimed = session.execute(
        update(ImportItem)
        .where(ImportItem.id == item.id, ImportItem.status == QUEUED)
        .values(status=RUNNING, worker=worker, claimed_at=utcnow(), attempts=ImportItem.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    session.refresh(item)
    return item


def finish(session: Session, item_id: int, outcome: Outcome) -> None:
    """Record a file's final status and message."""
    session.execute(
        update(ImportItem)
        .where(ImportItem.id == item_id)
        .values(
            status=outcome.status,
            message=outcome.message,
            recording_id=outcome.recording_id,
            finished_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )


def _alive(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's worker: only the lease can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_abandoned(session: Session, *, alive: Callable[[str], bool] = _alive) -> int:
    """Put back in the queue the files whose import stopped with its process; returns how many."""
    now = utcnow()
    count = 0
    for item in session.scalars(select(ImportItem).where(ImportItem.status == RUNNING)).all():
        expired = item.claimed_at is None or now - item.claimed_at > LEASE
        if item.worker == worker_name() and not expired:
            continue
        if alive(item.worker) and not expired:
            continue
        if not item.staged_path:  # a command-line import that was stopped: nothing staged to retry from
            item.status, item.finished_at = "failed", now
            item.message = f"{item.name}: the import was interrupted; run fibrokit import again"
        elif item.attempts >= MAX_ATTEMPTS:
            item.status, item.finished_at = "failed", now
            item.message = f"{item.name}: the import stopped {item.attempts} times; the file may be too large"
        else:
            item.status, item.worker = QUEUED, ""
        count += 1
    return count


@dataclass(frozen=True)
class Progress:
    """A job's state for its page: counts by status and each file's message."""

    job: ImportJob
    items: list[ImportItem]
    done: int
    total: int

    @property
    def finished(self) -> bool:
        """True when every file has a final status."""
        return self.done == self.total


def progress(session: Session, user_id: int, job_id: int) -> Progress | None:
    """A person's job with its files (None when it is not theirs)."""
    job = session.scalar(select(ImportJob).where(ImportJob.id == job_id, ImportJob.user_id == user_id))
    if job is None:
        return None
    items = list(
        session.scalars(select(ImportItem).where(ImportItem.job_id == job_id).order_by(ImportItem.id)).all()
    )
    done = sum(item.status in FINAL for item in items)
    return Progress(job, items, done, len(items))


def recent_jobs(session: Session, user_id: int, limit: int = 10) -> list[tuple[ImportJob, int, int]]:
    """The person's latest jobs with (files done, files in all)."""
    jobs = session.scalars(
        select(ImportJob).where(ImportJob.user_id == user_id).order_by(ImportJob.id.desc()).limit(limit)
    ).all()
    out = []
    for job in jobs:
        total, done = session.execute(
            select(func.count(), func.count().filter(ImportItem.status.in_(FINAL))).where(
                ImportItem.job_id == job.id
            )
        ).one()
        out.append((job, int(done), int(total)))
    return out
