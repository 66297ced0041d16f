"""The background importer: threads that take files from the queue, one transaction per file.

Every server process runs one (``FIBROKIT_IMPORT_THREADS`` threads); claims are atomic, so several processes
share one queue. Between files it judges again the mornings that check-ins saved on the page bear on (once a
person's diary has rested a moment), and when idle it recomputes results made with older settings or another
fibrokit version, and redoes pacing reviews whose lines changed (after a person changed their pacing settings). Logs
name item numbers and error types, never file contents or health values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from pathlib import Path

from fibrokit.errors import FibrokitError
from fibrokit.services import write_turn
from fibrokit.services.home import actions as home_actions
from fibrokit.services.home import daily
from fibrokit.services.imports import actions, queries
from fibrokit.services.imports.file import ASK_DAY_APP, FAILED, Outcome, import_file
from fibrokit.services.imports.queries import Session, sessionmaker
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.services.recordings.actions import recompute_stale
from fibrokit.services.recordings.after_store import after_recording_stored
from fibrokit.store.db import transaction
from fibrokit.store.tables import utcnow

log = logging.getLogger("fibrokit.import")
# How long a person's diary must rest before the mornings it changed are judged again: several check-ins in a
# row (or a day's worth typed in at once) cost one judgement, a couple of seconds later. An engineering
# setting, not a clinical number.
QUIET_BEFORE_JUDGING = dt.timedelta(seconds=2)


class ImportWorker:
    """Runs queued imports in background threads, or on demand with :meth:`run_pending`."""

    def __init__(
        self, factory: sessionmaker[Session], staging: Path, *, threads: int = 1, poll_s: float = 1.0
    ) -> None:
        self.factory = factory
        self.staging = staging.resolve()
        self.threads = threads
        self.poll_s = poll_s
        self.name = actions.worker_name()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._running: list[threading.Thread] = []

    def start(self) -> None:
        """Put abandoned imports back in the queue and start the threads."""
        with transaction(self.factory) as session:
            count = actions.requeue_abandoned(session)
        if count:
            log.info("requeued %d interrupted import(s)", count)
        for index in range(self.threads):
            thread = threading.Thread(target=self._loop, name=f"fibrokit-import-{index}", daemon=True)
            thread.start()
            self._running.append(thread)

    def stop(self) -> None:
        """Ask the threads to finish their current file and stop."""
        self._stop.set()
        self._wake.set()
        for thread in self._running:
            thread.join(timeout=30)
        self._running.clear()

    def wake(self) -> None:
        """New files are queued: look now rather than at the next poll."""
        self._wake.set()

    def run_pending(self) -> int:
        """Import every queued file, then judge every queued morning, in the calling thread; files processed."""
        count = 0
        while self._one():
            count += 1
        with self.factory() as session, write_turn(session):  # everything queued, now (tests, shutdown)
            home_actions.settle(session, daily.judge_queue(session, limit=10**6))
        return count

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self._one() or self._judge_queued() or self._recompute_some():
                    continue
            except Exception as error:  # keep the importer alive; the item is retried after its lease
                log.error("import loop error: %s", type(error).__name__)
            self._wake.wait(self.poll_s)
            self._wake.clear()

    def _judge_queued(self) -> bool:
        """Judge the mornings queued by diary changes, a batch of people at a time; True when there may be more."""
        quiet = utcnow() - QUIET_BEFORE_JUDGING
        with self.factory() as session:
            judged = daily.judge_queue(session, limit=20, quiet_since=quiet)  # reading only: no writer waits
            if not judged:
                return False
            with write_turn(session):  # storing, in turn with the check-ins that queue them
                home_actions.settle(session, judged)
        return len(judged) == 20

    def _recompute_some(self) -> bool:
        """Recompute a batch of stale results, then of stale pacing reviews; True when there may be more."""
        with transaction(self.factory) as session:
            done = recompute_stale(session, limit=20, then=after_recording_stored)
        if done:
            log.info("recomputed %d stale result(s)", done)
            return done == 20
        with transaction(self.factory) as session:
            redone = pacing_actions.refresh_stale(session, limit=20)
        if redone:
            log.info("redid %d pacing review(s)", redone)
        return redone == 20

    def _one(self) -> bool:
        with transaction(self.factory) as session:
            item = actions.claim_next(session, self.name)
            if item is None:
                return False
            item_id, name, path = item.id, item.name, Path(item.staged_path)
            job = queries.get_job(session, item.job_id)
            hint = job.kind_hint if job is not None else "auto"
            day = job.day if job is not None else None
        self.process(item_id, name, path, hint, day)
        return True

    def process(self, item_id: int, name: str, path: Path, hint: str, day: dt.date | None = None) -> Outcome:
        """Import one claimed file; its result and its final status commit together."""
        try:
            with transaction(self.factory) as session:
                item = queries.get_item(session, item_id)
                assert item is not None
                if not path.is_file():
                    raise FibrokitError(
                        f"{name}: the uploaded file is gone from the staging folder; upload it again"
                    )
                # Files come from the app's upload form (or live sessions), never from a shell: no --date here.
                outcome = import_file(
                    session, item.user_id, path, kind_hint=hint, name=name, day=day, ask_day=ASK_DAY_APP
                )
                actions.finish(session, item_id, outcome)
        except FibrokitError as error:
            outcome = Outcome(FAILED, str(error))
            self._fail(item_id, outcome)
        except Exception as error:
            log.error("import of item %d failed: %s", item_id, type(error).__name__)
            outcome = Outcome(FAILED, f"{name}: could not be imported (an unexpected {type(error).__name__})")
            self._fail(item_id, outcome)
        if path.resolve().is_relative_to(self.staging):  # only ever delete our own staged copies
            _remove_staged(path)
        return outcome

    def _fail(self, item_id: int, outcome: Outcome) -> None:
        with transaction(self.factory) as session:
            actions.finish(session, item_id, outcome)


def _remove_staged(path: Path) -> None:
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # each upload stages its files in a folder of its own
        path.parent.rmdir()
