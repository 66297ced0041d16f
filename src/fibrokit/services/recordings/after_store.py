"""The one step after a recording is stored (or analysed again): what it changes outside the recordings area.

A stored recording changes two things the recordings area does not own, in this order:

1. the summary of its day (``services.home.actions.refresh_day_summary``): resting heart rate, ln RMSSD and activity minutes, and the
   readiness of every morning whose baseline that day is part of;
2. its pacing review with the lines of its day (``services.pacing.actions.review_stored``), and the reviews of later days
   whose lines a morning reading or an exercise test changes.

The recordings' actions (:mod:`fibrokit.services.recordings.actions`) do neither; whoever stored the recording —
the import of a file, the camera page, a route that scores a recording again or moves it to another day, the
importer's recomputation of stale results, ``fibrokit db upgrade`` — calls :func:`after_recording_stored` in the
same transaction, once the recording is stored.
"""

from __future__ import annotations

import datetime as dt

from fibrokit.services.home import actions as home_actions
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.services.pacing import reviews as pacing_reviews
from fibrokit.services.recordings.queries import Session
from fibrokit.store.tables import RecordingRow


def after_recording_stored(
    session: Session,
    row: RecordingRow,
    *,
    moved_from: dt.date | None = None,
) -> None:
    """Bring the day summary and the pacing reviews up to date with a recording just stored (no commit).

    Parameters
    ----------
    row : RecordingRow
        The recording, stored or analysed again in this session.
    moved_from : date, optional
        The day the recording had before it was moved to another; that day's summary is rebuilt too.
    """
    days = dict.fromkeys(day for day in (row.local_day, moved_from) if day is not None)
    for day in days:
        home_actions.refresh_day_summary(session, row.user_id, day)
    session.flush()
    # Its beats with the analysis's artefact flags (or its heart-rate samples as beats), as stored.
    pacing_actions.review_stored(session, row, pacing_reviews.flagged_beats(session, row.id))
