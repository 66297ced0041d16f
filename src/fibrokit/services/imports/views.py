"""What the import pages show: a job's progress, file by file, and the person's latest jobs."""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.services.imports import queries
from fibrokit.services.imports.actions import FINAL
from fibrokit.services.imports.queries import Session
from fibrokit.store.tables import ImportItem, ImportJob


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
    job = queries.job_of(session, user_id, job_id)
    if job is None:
        return None
    items = queries.items_of_job(session, job_id)
    done = sum(item.status in FINAL for item in items)
    return Progress(job, items, done, len(items))


def recent_jobs(session: Session, user_id: int, limit: int = 10) -> list[tuple[ImportJob, int, int]]:
    """The person's latest jobs with (files done, files in all)."""
    out = []
    for job in queries.recent_jobs(session, user_id, limit):
        total, done = queries.count_items(session, job.id, FINAL)
        out.append((job, done, total))
    return out
