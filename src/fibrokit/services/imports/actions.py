"""What changes the import queue: jobs of files kept in the database, so progress survives restarts.

A file goes ``queued`` → ``running`` (claimed, committed) → ``imported`` / ``duplicate`` / ``failed``. The
final status is committed in the same transaction as the stored recording, so the two cannot disagree. A
process killed mid-import leaves its item ``running`` and nothing of the recording; :func:`requeue_abandoned`
puts such items back in the queue (their worker process is gone, or the claim is older than the lease).

Every function takes the caller's session and never commits: the worker, the command or the route owns the
transaction. The statements are in :mod:`fibrokit.services.imports.queries`; a job's progress for its page is
in :mod:`fibrokit.services.imports.views`.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable, Sequence

from fibrokit.services.imports import queries
from fibrokit.services.imports.file import Outcome
from fibrokit.services.imports.queries import Session
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
    job = queries.add(session, ImportJob(user_id=user_id, origin=origin, kind_hint=kind_hint, day=day))
    for staged in files:
        queries.add(
            session,
            ImportItem(
                job_id=job.id,
                user_id=user_id,
                name=staged.name[:255],
                staged_path=str(staged.path),
                size=staged.size,
            ),
        )
    return job


def worker_name() -> str:
    """The name of this process in the queue: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_next(session: Session, worker: str) -> ImportItem | None:
    """Take the oldest queued file for this worker; None when the queue is empty or another worker won."""
    item = queries.next_queued(session)
    if item is None:
        return None
    if not queries.claim(session, item.id, worker, utcnow()):
        return None
    session.refresh(item)
    return item


def finish(session: Session, item_id: int, outcome: Outcome) -> None:
    """Record a file's final status and message."""
    queries.set_outcome(session, item_id, outcome.status, outcome.message, outcome.recording_id, utcnow())


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
    for item in queries.running_items(session):
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
