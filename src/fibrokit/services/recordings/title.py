"""What a recording is called: what it is and when ("Walk, Tue 3 Dec, 35 min"), or its owner's name for it.

The owner renames a recording on its page. The name is plain text of at most ``TITLE_MAX`` characters, one line; the pages escape it like every other text.
An empty name gives the recording its default title back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from fibrokit.errors import FibrokitError
from fibrokit.services.home.kept import kept
from fibrokit.services.recordings.kinds import ACTIVITY, KIND_NAMES
from fibrokit.store import queries
from fibrokit.store.tables import RecordingRow

TITLE_MAX = 120


def recording_title(row: RecordingRow) -> str:
    """What a recording is called in lists, reports and on its page: the owner's name for it, else the default.

    The default says what it is and when: "Walk, Tue 3 Dec, 35 min" (the file name is never used).

    Examples
    --------
    >>> import datetime as dt
    >>> row = RecordingRow(kind="activity", local_day=dt.date(2024, 12, 3), duration_s=2100.0, details={})
    >>> recording_title(row)
    'Activity, Tue 3 Dec, 35 min'
    >>> recording_title(RecordingRow(kind="morning-reading", duration_s=290.0, details={"metadata": {}}))
    'Morning reading, date unknown, 5 min'
    >>> recording_title(RecordingRow(kind="activity", title="Hill walk with Sam", details={}))
    'Hill walk with Sam'
    """
    if row.title:
        return row.title
    return default_title(row)


def default_title(row: RecordingRow) -> str:
    """The title a recording has until its owner names it: what it is, the day, the minutes."""
    metadata = (row.details or {}).get("metadata") or {}
    sport = str(metadata.get("sport", "")).split(",")[0].strip() if isinstance(metadata, dict) else ""
    what = sport.capitalize() if sport and row.kind == ACTIVITY else KIND_NAMES.get(row.kind, row.kind)
    day = row.local_day or (row.start_utc.date() if row.start_utc else None)
    when = f"{day:%a} {day.day} {day:%b}" if day else "date unknown"
    minutes = max(1, round((row.duration_s or 0.0) / 60))
    return f"{what}, {when}, {minutes} min"


def recording_list(
    session: Session,
    user_id: int,
    *,
    kinds: tuple[str, ...],
    source_format: str,
    since: dt.date | None,
    until: dt.date | None,
    limit: int,
    offset: int,
) -> tuple[list[RecordingRow], int, list[str]]:
    """One page of the person's recordings, how many match, and the formats in use; built once per change."""
    filters = (kinds, source_format, since, until, limit, offset)

    def build() -> tuple[list[RecordingRow], int, list[str]]:
        rows, total = queries.list_recordings(
            session,
            user_id,
            kinds=kinds,
            source_format=source_format,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
        return list(rows), total, list(queries.formats_in_use(session, user_id))

    return kept(session, user_id, "recordings", filters, build)


def rename_recording(session: Session, user_id: int, recording_id: int, text: str) -> RecordingRow | None:
    """Give a person's recording the name ``text`` (empty: the default title); None when it is not theirs.

    Raises
    ------
    FibrokitError
        When the name is longer than ``TITLE_MAX`` characters (one sentence saying so).
    """
    row = queries.get_recording(session, user_id, recording_id)
    if row is None:
        return None
    name = " ".join("".join(c if c.isprintable() else " " for c in text).split())  # one line, no controls
    if len(name) > TITLE_MAX:
        raise FibrokitError(
            f"a recording's name has at most {TITLE_MAX} characters, and this one has {len(name)}: shorten it"
        )
    row.title = name
    return row
