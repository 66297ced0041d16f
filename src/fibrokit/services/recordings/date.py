"""Give a recording the day it was made, when its file stated none (or stated it wrongly).

A morning reading without a date cannot be anyone's morning: readiness, trends and pacing lines all go by
day. The person sets the day on the recording's page; the recording is analysed again for that day, its
metadata says the date was given by the person, and the summaries of the old and new day are rebuilt.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from fibrokit.errors import FibrokitError
from fibrokit.readers._dates import DATE_SOURCE, FROM_PERSON
from fibrokit.services.accounts.people import age_for
from fibrokit.services.home import actions as home_actions
from fibrokit.services.recordings.stored import load_recording, recompute
from fibrokit.store import queries
from fibrokit.store.tables import RecordingRow


def set_recording_day(session: Session, user_id: int, recording_id: int, text: str) -> RecordingRow | None:
    """Move a person's recording to the day ``text`` (YYYY-MM-DD); None when the recording is not theirs.

    Raises
    ------
    FibrokitError
        When ``text`` is not a day, or is in the future (one sentence saying so).
    """
    row = queries.get_recording(session, user_id, recording_id)
    if row is None:
        return None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FibrokitError(f"{text!r} is not a day: choose one, or write it as YYYY-MM-DD") from None
    if day > dt.date.today() + dt.timedelta(days=1):
        raise FibrokitError(f"{day.isoformat()} is in the future: choose the day the recording was made")
    old = row.local_day
    if row.start_utc is None or old is None:
        row.start_utc = dt.datetime.combine(day, dt.time())
    else:
        row.start_utc = row.start_utc + (day - old)
    row.local_day = day
    details = dict(row.details or {})
    metadata = dict(details.get("metadata", {}))
    metadata[DATE_SOURCE] = FROM_PERSON
    details["metadata"] = metadata
    row.details = details
    session.flush()
    recompute(
        session, row, age=age_for(session, user_id, row.start_utc, load_recording(session, row).metadata)
    )
    if old is not None and old != day:
        home_actions.refresh_day_summary(session, user_id, old)
    return row
