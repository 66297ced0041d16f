"""Record a live session to an RR file that :func:`fibrokit.read` reads back: its start, a header, then time and RR."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fibrokit._atomic import write_text_atomic

HEADER = "time_s,rr_ms"


class SessionRecorder:
    """Collect beats and write them atomically, every ``flush_every`` beats and at the end.

    The file is rewritten whole each time (through a temporary file and a rename), so a reader never sees a
    half-written line and a crash loses at most the beats since the last flush.

    Parameters
    ----------
    path : Path
        The session file (CSV: ``time_s`` in seconds from the session start, ``rr_ms`` in milliseconds).
    flush_every : int
        Beats between intermediate writes.
    started_at : datetime, optional
        The real start of the session, with its time zone; written as the file's first line
        (``# start: <ISO 8601>``), which the RR text reader reads, so the session is dated and timed.
    """

    def __init__(self, path: Path, *, flush_every: int = 200, started_at: dt.datetime | None = None) -> None:
        self.path = Path(path)
        self._head = [] if started_at is None else [f"# start: {started_at.isoformat()}"]
        self.flush_every = flush_every
        self._rows: list[str] = []
        self._unflushed = 0
        self.heart_rates = 0

    def add_beat(self, time_s: float, rr_ms: float) -> None:
        """Record one beat."""
        self._rows.append(f"{time_s:.4f},{rr_ms:.3f}")
        self._unflushed += 1
        if self._unflushed >= self.flush_every:
            self.write()

    def add_hr(self) -> None:
        """Count a heart-rate sample without RR (straps that send none); such samples are not written."""
        self.heart_rates += 1

    @property
    def beats(self) -> int:
        """Beats recorded so far."""
        return len(self._rows)

    def write(self) -> Path:
        """Write everything recorded so far."""
        self._unflushed = 0
        return write_text_atomic(self.path, "\n".join([*self._head, HEADER, *self._rows]) + "\n")
