"""Live pacing in the browser: the monitor's numbers for today, and a finished session into the import queue.

The browser runs the same pipeline as :class:`fibrokit.pacing.PaceMonitor` from :meth:`PaceMonitor.spec` (the
lines in force today, the evidence registry's zone and load settings, today's budget and the load already used).
At the end the beats it received come back as a list of (time, RR) pairs and are written as the same RR file
``fibrokit live`` writes, then imported like any upload, so the session appears among the recordings with its
pacing review.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from fibrokit.pacing.pace_monitor import pace_monitor
from fibrokit.readers.rr_text import START_COMMENT
from fibrokit.services.imports import actions as import_actions
from fibrokit.services.imports import uploads
from fibrokit.services.pacing.queries import Session
from fibrokit.services.pacing.views import today_view
from fibrokit.store.tables import ImportJob

# A day of beats at 220 bpm: more than any session, small enough to check in one pass.
MAX_BEATS = 320_000
_STAMP = re.compile(r"^\d{8}-\d{6}$")


class SessionInputError(ValueError):
    """A posted session that cannot be saved; the message is one sentence for the person."""


@dataclass(frozen=True)
class LiveSetup:
    """What the live page needs: the monitor's spec, or the sentence saying why there are no lines yet."""

    spec: dict[str, object] | None
    problem: str | None


def live_setup(session: Session, user_id: int, today: dt.date) -> LiveSetup:
    """The monitor's parameters for the person today (lines, dwell, hysteresis, load model, budget, used)."""
    view = today_view(session, user_id, today)
    thresholds = view.lines.thresholds
    if thresholds is None:
        return LiveSetup(None, view.lines.problem or "There are no heart-rate lines for today yet.")
    monitor = pace_monitor(thresholds, budget_points=view.budget.points, used_points=view.used)
    return LiveSetup(monitor.spec(), None)


def session_csv(payload: object) -> tuple[str, bytes]:
    """Check a posted session and write it as an RR file: its name and bytes.

    The session is ``{"started": "YYYYMMDD-HHMMSS", "started_at": ISO 8601 with offset, "beats": [[time_s,
    rr_ms], ...]}``, times in seconds from its start and intervals in milliseconds. ``started_at`` (optional) is
    the real start of the session on the phone's clock and time zone; it is written as the file's
    ``# start:`` line, which :func:`fibrokit.readers.read_rr_text` reads, so the recording is dated and timed.

    Raises
    ------
    SessionInputError
        When the payload is not that shape, a value is not a finite positive number, or times go backwards.
    """
    if not isinstance(payload, dict):
        raise SessionInputError("The session was not sent as a list of beats.")
    started = payload.get("started")
    beats = payload.get("beats")
    if not isinstance(started, str) or not _STAMP.match(started):
        raise SessionInputError("The session's start time is missing or not in the form YYYYMMDD-HHMMSS.")
    if not isinstance(beats, list) or not 10 <= len(beats) <= MAX_BEATS:
        raise SessionInputError(f"A session needs between 10 and {MAX_BEATS} beats to be saved.")
    out = io.StringIO()
    at = _started_at(payload.get("started_at"))
    if at is not None:
        out.write(f"{START_COMMENT} {at.isoformat()}\n")
    out.write("time_s,rr_ms\n")
    previous = -math.inf
    for number, beat in enumerate(beats, start=1):
        if not (isinstance(beat, list) and len(beat) == 2 and all(_number(v) for v in beat)):
            raise SessionInputError(f"Beat {number} of the session is not a time and an interval.")
        time_s, rr_ms = float(beat[0]), float(beat[1])
        if time_s < 0 or rr_ms <= 0:
            raise SessionInputError(f"Beat {number} of the session has a negative time or no interval.")
        if time_s < previous:
            raise SessionInputError(f"Beat {number} of the session comes before the beat ahead of it.")
        previous = time_s
        out.write(f"{time_s:.4f},{rr_ms:.3f}\n")
    return f"live-session-{started}.csv", out.getvalue().encode()


def _started_at(value: object) -> dt.datetime | None:
    if value is None:
        return None
    try:
        at = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise SessionInputError("The session's start time is not a date and time with its time zone.")
    return at


def queue_session(session: Session, user_id: int, staging: Path, name: str, data: bytes) -> ImportJob:
    """Stage the session file and queue it as an import job (the caller commits and wakes the importer)."""
    staged = uploads.stage(staging, [(name, io.BytesIO(data))])
    return import_actions.create_job(session, user_id, staged, origin="live")


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
