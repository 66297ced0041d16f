"""What changes the home area's data: the daily summaries and the readiness judged on them.

Every function takes the caller's session and never commits: the route, the command, the worker or the test
that calls it owns the transaction. The statements are in ``queries.py``; the judging itself is
:mod:`fibrokit.services.home.daily`.

The steps other areas run (by these names, in their own code, so the effect is seen where it starts):

- after a recording of a day is stored, re-dated or recomputed: :func:`refresh_day_summary`;
- after a diary day is saved or removed: :func:`diary_changed` (now), or :func:`queue_diary_change` (soon, by
  the importer's worker, which then runs :func:`settle` on what :func:`fibrokit.services.home.daily.judge_queue`
  judged).
"""

from __future__ import annotations

import datetime as dt

from fibrokit.services.home import queries
from fibrokit.services.home.daily import Judged, Verdict, diary_span, judge, window
from fibrokit.services.home.queries import Session
from fibrokit.services.nightly import actions as nightly_actions
from fibrokit.store.tables import utcnow


def refresh_day_summary(session: Session, user_id: int, day: dt.date) -> None:
    """Rebuild the summary of ``day`` and judge the readiness of every morning whose baseline it is part of."""
    queries.refresh_day(session, user_id, day)
    session.flush()
    rejudge(session, user_id, day, day + window())


def diary_changed(session: Session, user_id: int, day: dt.date) -> None:
    """Judge again the mornings a changed diary day bears on (:func:`~.daily.diary_span`), in this transaction."""
    session.flush()
    rejudge(session, user_id, *diary_span(day))
    nightly_actions.judge_if_any(session, user_id)


def rejudge(session: Session, user_id: int, first: dt.date, last: dt.date) -> None:
    """Judge and store the readiness of the mornings from ``first`` to ``last`` (two queries; one when none is stored).

    The mornings of the baseline window before ``first`` are read as their baseline; their own stored verdicts
    are left as they are.
    """
    _store(session, user_id, judge(session, user_id, first, last))


def _store(session: Session, user_id: int, verdicts: tuple[Verdict, ...]) -> None:
    for day, level, explanation, baseline_days in verdicts:
        # Already in the session when judged in it: set on the object, so only changed rows are written.
        summary = queries.summary(session, user_id, day)
        if summary is not None:
            summary.readiness, summary.readiness_text = level, explanation
            summary.baseline_days = baseline_days


def queue_diary_change(session: Session, user_id: int, day: dt.date) -> None:
    """Leave the mornings a diary day bears on to be judged soon (:func:`~.daily.judge_queue`), not in this request.

    One row per person, widened to cover every change since it was last worked off. The caller holds the
    person's lock (the diary's), so two check-ins never both add the row.
    """
    first, last = diary_span(day)
    row = queries.queue_of(session, user_id)
    if row is None:
        queries.add_to_queue(session, user_id, first, last)
        return
    row.first_day, row.last_day = min(row.first_day, first), max(row.last_day, last)
    row.queued_at = utcnow()


def settle(session: Session, judged: tuple[Judged, ...]) -> int:
    """Store judged verdicts and take their rows off the queue; how many rows were taken off.

    A row widened by a change after it was judged stays queued (its time moved), so that change is judged
    in the next round; the verdicts stored meanwhile are the best known and are soon replaced.
    """
    done = 0
    for item in judged:
        _store(session, item.user_id, item.verdicts)
        nightly_actions.judge_if_any(session, item.user_id)  # the diary is a factor of nights' verdicts too
        done += queries.unqueue(session, item.user_id, item.queued_at)
    return done
