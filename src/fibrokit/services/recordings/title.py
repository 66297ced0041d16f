"""What a recording is called: what it is and when ("Walk, Tue 3 Dec, 35 min"), or its owner's name for it.

The owner renames a recording on its page (:func:`fibrokit.services.recordings.actions.rename_recording`). The name is plain text of at most ``TITLE_MAX`` characters, one line; the pages escape it like every other text.
An empty name gives the recording its default title back.
"""

from __future__ import annotations

from fibrokit.services.recordings.kinds import ACTIVITY, KIND_NAMES
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
